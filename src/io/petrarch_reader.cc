#include <expat.h>

#include <cstring>
#include <deque>

#include "readers.h"

namespace dyad::io_internal {
namespace {

// PETRARCH XML: <Sentences><Sentence date id source ...><Text>…</Text><Parse>…</Parse>
// </Sentence> and <Articles><Article …><Text>…</Text></Article>. <Parse> is ignored;
// <EventCoding sourcecode targetcode eventcode> is kept in meta.extra for validation.
class PetrarchXmlReader final : public Reader {
 public:
  PetrarchXmlReader(std::unique_ptr<LineSource> in, const ReaderOptions&)
      : in_(std::move(in)), parser_(XML_ParserCreate("UTF-8")) {
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &Start, &End);
    XML_SetCharacterDataHandler(parser_, &Chars);
  }
  ~PetrarchXmlReader() override { XML_ParserFree(parser_); }

  std::optional<ReadRecord> Next() override {
    while (ready_.empty() && !done_) Feed();
    if (ready_.empty()) return std::nullopt;
    ReadRecord rec = std::move(ready_.front());
    ready_.pop_front();
    return rec;
  }

 private:
  void Feed() {
    bool more = in_->GetLine(line_);
    if (more) line_ += '\n';
    if (XML_Parse(parser_, line_.data(), more ? static_cast<int>(line_.size()) : 0, !more) ==
        XML_STATUS_ERROR) {
      ReadRecord rec;
      rec.doc.meta.origin = in_->name() + ":" + std::to_string(XML_GetCurrentLineNumber(parser_));
      rec.status = DataError(rec.doc.meta.origin + ": XML error: " +
                             XML_ErrorString(XML_GetErrorCode(parser_)) +
                             "; the rest of the file is skipped");
      if (in_record_) rec.doc.meta.id = current_.meta.id;
      ready_.push_back(std::move(rec));
      done_ = true;
      return;
    }
    if (!more) done_ = true;
  }

  static const char* Attr(const XML_Char** atts, const char* name) {
    for (int i = 0; atts[i]; i += 2)
      if (std::strcmp(atts[i], name) == 0) return atts[i + 1];
    return nullptr;
  }

  static void Start(void* data, const XML_Char* name, const XML_Char** atts) {
    auto* self = static_cast<PetrarchXmlReader*>(data);
    if (std::strcmp(name, "Sentence") == 0 || std::strcmp(name, "Article") == 0) {
      self->in_record_ = true;
      self->current_ = Document();
      Document& doc = self->current_;
      doc.meta.origin = self->in_->name() + ":" + std::to_string(XML_GetCurrentLineNumber(self->parser_));
      for (int i = 0; atts[i]; i += 2) {
        std::string_view key = atts[i];
        const char* value = atts[i + 1];
        if (key == "id") doc.meta.id = value;
        else if (key == "source") doc.meta.source = value;
        else if (key == "url") doc.meta.url = value;
        else if (key == "title") doc.meta.title = value;
        else if (key != "date") doc.meta.extra.emplace_back(key, value);
      }
      if (const char* d = Attr(atts, "date")) {
        SetMetadataDate(doc, d);
      } else {
        doc.warnings.push_back("record has no date attribute");
      }
    } else if (self->in_record_ && std::strcmp(name, "Text") == 0) {
      self->in_text_ = true;
    } else if (self->in_record_ && std::strcmp(name, "EventCoding") == 0) {
      const char* s = Attr(atts, "sourcecode");
      const char* t = Attr(atts, "targetcode");
      const char* e = Attr(atts, "eventcode");
      std::string coding = std::string(s ? s : "") + " " + (t ? t : "") + " " + (e ? e : "");
      if (const char* noevents = Attr(atts, "noevents")) coding = std::string("noevents=") + noevents;
      self->current_.meta.extra.emplace_back("EventCoding", coding);
    }
  }

  static void End(void* data, const XML_Char* name) {
    auto* self = static_cast<PetrarchXmlReader*>(data);
    if (std::strcmp(name, "Text") == 0) {
      self->in_text_ = false;
    } else if (self->in_record_ &&
               (std::strcmp(name, "Sentence") == 0 || std::strcmp(name, "Article") == 0)) {
      self->in_record_ = false;
      std::string& text = self->current_.text;
      size_t b = text.find_first_not_of(" \t\r\n");
      size_t e = text.find_last_not_of(" \t\r\n");
      text = b == std::string::npos ? std::string() : text.substr(b, e - b + 1);
      ReadRecord rec;
      rec.doc = std::move(self->current_);
      self->ready_.push_back(std::move(rec));
    }
  }

  static void Chars(void* data, const XML_Char* s, int len) {
    auto* self = static_cast<PetrarchXmlReader*>(data);
    if (self->in_record_ && self->in_text_) self->current_.text.append(s, static_cast<size_t>(len));
  }

  std::unique_ptr<LineSource> in_;
  XML_Parser parser_;
  std::string line_;
  std::deque<ReadRecord> ready_;
  Document current_;
  bool in_record_ = false;
  bool in_text_ = false;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<Reader> NewPetrarchXmlReader(std::unique_ptr<LineSource> in, const ReaderOptions& o) {
  return std::make_unique<PetrarchXmlReader>(std::move(in), o);
}

}  // namespace dyad::io_internal
