#include "dyad/io/reader.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "readers.h"

namespace dyad {
namespace io_internal {

std::unique_ptr<LineSource> OpenLineSource(const std::string& path) {
  if (path == "-") return std::make_unique<LineSource>(nullptr, &std::cin, "<stdin>");
  auto f = std::make_unique<std::ifstream>();
  f->open(path, std::ios::binary);
  if (!*f) return nullptr;
  return std::make_unique<LineSource>(std::move(f), nullptr, path);
}

size_t TruncationPoint(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text.size();
  // The last whitespace in the final 4 KiB (at most half) before the bound ends the kept text; failing that,
  // the last character boundary does (a UTF-8 continuation byte is 10xxxxxx).
  const size_t floor = max_bytes - std::min<size_t>(4096, max_bytes / 2);
  for (size_t i = max_bytes; i > floor; --i) {
    const char c = text[i - 1];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') return i;
  }
  size_t i = max_bytes;
  while (i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
  return i;
}

void SetMetadataDate(Document& doc, std::string_view value) {
  if (value.empty()) return;
  StatusOr<Date> d = ParseDate(value);
  if (d.ok()) {
    doc.meta.date = *d;
    doc.meta.date_source = DateSource::kMetadata;
  } else {
    doc.warnings.push_back("date field: " + d.status().message() + "; ignored");
  }
}

}  // namespace io_internal

namespace {

using io_internal::LineSource;

bool IsBlank(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return false;
  return true;
}

// Applies the checks every format shares: size bound, UTF-8 repair, NUL bytes, blank text.
class CheckingReader final : public Reader {
 public:
  CheckingReader(std::unique_ptr<Reader> inner, const ReaderOptions& o)
      : inner_(std::move(inner)),
        max_bytes_(o.max_document_bytes),
        truncate_bytes_(o.truncate_document_bytes) {}

  std::optional<ReadRecord> Next() override {
    std::optional<ReadRecord> rec = inner_->Next();
    if (!rec || !rec->status.ok()) return rec;
    Document& doc = rec->doc;
    const std::string who = doc.meta.origin + (doc.meta.id.empty() ? "" : " (" + doc.meta.id + ")");
    if (doc.text.size() > max_bytes_) {
      rec->status = OutOfRangeError(who + ": document is " + std::to_string(doc.text.size()) +
                                    " bytes, over the limit of " + std::to_string(max_bytes_) +
                                    " (--max-doc-bytes); skipped");
      doc.text.clear();
      doc.text.shrink_to_fit();
      return rec;
    }
    if (size_t bad = RepairUtf8(doc.text); bad > 0) {
      doc.warnings.push_back(std::to_string(bad) + " invalid UTF-8 sequence" + (bad > 1 ? "s" : "") +
                             " replaced by U+FFFD");
    }
    size_t nuls = 0;
    for (char& c : doc.text) {
      if (c == '\0') {
        c = ' ';
        ++nuls;
      }
    }
    if (nuls > 0) {
      doc.warnings.push_back(std::to_string(nuls) + " NUL byte" + (nuls > 1 ? "s" : "") +
                             " replaced by spaces");
    }
    if (IsBlank(doc.text)) {
      rec->status = DataError(who + ": empty document (no text)");
    } else if (truncate_bytes_ > 0 && doc.text.size() > truncate_bytes_) {
      const size_t total = doc.text.size();
      doc.text.resize(io_internal::TruncationPoint(doc.text, truncate_bytes_));
      doc.warnings.push_back("document truncated to " + std::to_string(doc.text.size()) + " of " +
                             std::to_string(total) +
                             " bytes (--max-document-bytes); the rest is not analysed");
    }
    return rec;
  }

 private:
  std::unique_ptr<Reader> inner_;
  size_t max_bytes_;
  size_t truncate_bytes_;

 public:
  std::vector<std::string> Notes() const override { return inner_->Notes(); }
};

std::unique_ptr<Reader> NewFormatReader(std::unique_ptr<LineSource> in, InputFormat format,
                                        const ReaderOptions& options, const std::string& doc_id);

StatusOr<std::unique_ptr<Reader>> OpenFile(const std::string& path, const ReaderOptions& options,
                                           const std::string& doc_id) {
  std::unique_ptr<LineSource> in = io_internal::OpenLineSource(path);
  if (!in) return NotFoundError(path + ": cannot open for reading");
  std::string head;
  if (options.format == InputFormat::kAuto) {
    if (path != "-") {
      std::ifstream peek(path, std::ios::binary);
      head.resize(4096);
      peek.read(head.data(), static_cast<std::streamsize>(head.size()));
      head.resize(static_cast<size_t>(peek.gcount()));
    } else {
      // Standard input cannot be re-read: sniff lines and put them back.
      std::vector<std::string> lines;
      std::string line;
      while (lines.size() < 64 && head.size() < 4096 && in->GetLine(line)) {
        head += line;
        head += '\n';
        lines.push_back(std::move(line));
      }
      for (size_t i = lines.size(); i-- > 0;) in->Unget(std::move(lines[i]));
    }
  }
  const InputFormat format =
      options.format == InputFormat::kAuto ? DetectFormat(path, head) : options.format;
  return NewFormatReader(std::move(in), format, options, doc_id);
}

std::unique_ptr<Reader> NewFormatReader(std::unique_ptr<LineSource> in, InputFormat format,
                                        const ReaderOptions& options, const std::string& doc_id) {
  switch (format) {
    case InputFormat::kJsonl: return io_internal::NewJsonlReader(std::move(in), options);
    case InputFormat::kTabari: return io_internal::NewTabariReader(std::move(in), options);
    case InputFormat::kPetrarchXml: return io_internal::NewPetrarchXmlReader(std::move(in), options);
    case InputFormat::kConllu: return io_internal::NewConlluReader(std::move(in), options);
    case InputFormat::kText:
    case InputFormat::kAuto: break;
  }
  return io_internal::NewTextReader(std::move(in), doc_id, options);
}

// Plain-text document id: the path relative to the directory given, without extension.
std::string TextId(const std::filesystem::path& file, const std::filesystem::path& root) {
  std::filesystem::path rel = root.empty() ? file.filename() : file.lexically_relative(root);
  rel.replace_extension();
  return rel.generic_string();
}

class DirectoryReader final : public Reader {
 public:
  DirectoryReader(std::vector<std::filesystem::path> files, std::vector<std::string> skipped,
                  std::filesystem::path root, const ReaderOptions& o)
      : files_(std::move(files)), skipped_(std::move(skipped)), root_(std::move(root)), options_(o) {}

  std::vector<std::string> Notes() const override {
    std::vector<std::string> notes;
    for (const std::string& f : skipped_) notes.push_back(f + ": not read (not a document file type)");
    return notes;
  }

  std::optional<ReadRecord> Next() override {
    while (true) {
      if (current_) {
        if (std::optional<ReadRecord> rec = current_->Next()) return rec;
        current_.reset();
      }
      if (next_ >= files_.size()) return std::nullopt;
      const std::filesystem::path& f = files_[next_++];
      StatusOr<std::unique_ptr<Reader>> r = OpenFile(f.string(), options_, TextId(f, root_));
      if (!r.ok()) {
        ReadRecord rec;
        rec.doc.meta.origin = f.string();
        rec.status = r.status();
        return rec;
      }
      current_ = std::move(r).value();
    }
  }

 private:
  std::vector<std::filesystem::path> files_;
  std::vector<std::string> skipped_;
  std::filesystem::path root_;
  ReaderOptions options_;
  size_t next_ = 0;
  std::unique_ptr<Reader> current_;
};

}  // namespace

StatusOr<InputFormat> ParseInputFormat(std::string_view name) {
  if (name == "auto") return InputFormat::kAuto;
  if (name == "text" || name == "txt") return InputFormat::kText;
  if (name == "jsonl" || name == "json" || name == "ndjson") return InputFormat::kJsonl;
  if (name == "tabari") return InputFormat::kTabari;
  if (name == "petrarch" || name == "xml") return InputFormat::kPetrarchXml;
  if (name == "conllu") return InputFormat::kConllu;
  return InvalidArgumentError("unknown input format \"" + std::string(name) +
                              "\" (auto, text, jsonl, tabari, petrarch, conllu)");
}

const char* InputFormatName(InputFormat format) {
  switch (format) {
    case InputFormat::kAuto: return "auto";
    case InputFormat::kText: return "text";
    case InputFormat::kJsonl: return "jsonl";
    case InputFormat::kTabari: return "tabari";
    case InputFormat::kPetrarchXml: return "petrarch";
    case InputFormat::kConllu: return "conllu";
  }
  return "auto";
}

InputFormat DetectFormat(std::string_view path, std::string_view head) {
  auto ends = [&](std::string_view ext) {
    return path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext;
  };
  if (ends(".jsonl") || ends(".ndjson") || ends(".json")) return InputFormat::kJsonl;
  if (ends(".conllu")) return InputFormat::kConllu;
  if (ends(".xml")) return InputFormat::kPetrarchXml;
  if (ends(".text")) return InputFormat::kTabari;
  if (ends(".txt")) return InputFormat::kText;
  // By content: the first non-blank line.
  size_t i = 0;
  while (i < head.size()) {
    size_t nl = head.find('\n', i);
    std::string_view line = head.substr(i, nl == std::string_view::npos ? head.size() - i : nl - i);
    i = nl == std::string_view::npos ? head.size() : nl + 1;
    if (IsBlank(line)) continue;
    if (line.rfind("# newdoc", 0) == 0 || line.rfind("# sent_id", 0) == 0 ||
        line.rfind("# text", 0) == 0 || line.rfind("1\t", 0) == 0) {
      return InputFormat::kConllu;
    }
    if (line[0] == '#') continue;
    size_t p = line.find_first_not_of(" \t");
    if (line[p] == '{') return InputFormat::kJsonl;
    if (line[p] == '<') return InputFormat::kPetrarchXml;
    if (line.size() > 7 && std::all_of(line.begin(), line.begin() + 6, ::isdigit) &&
        (line[6] == ' ' || line[6] == '\t')) {
      return InputFormat::kTabari;
    }
    break;
  }
  return InputFormat::kText;
}

size_t RepairUtf8(std::string& text) {
  // Fast path: most input is valid.
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    int32_t j = i;
    U8_NEXT(text.data(), j, n, c);
    if (c < 0) break;
    i = j;
  }
  if (i >= n) return 0;
  std::string out;
  out.reserve(text.size() + 16);
  out.append(text, 0, static_cast<size_t>(i));
  size_t bad = 0;
  while (i < n) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      out += text[i++];
      continue;
    }
    UChar32 c;
    int32_t j = i;
    U8_NEXT(text.data(), j, n, c);
    if (c < 0) {
      out += "\xEF\xBF\xBD";
      ++bad;
    } else {
      out.append(text, static_cast<size_t>(i), static_cast<size_t>(j - i));
    }
    i = j;
  }
  text.swap(out);
  return bad;
}

StatusOr<std::unique_ptr<Reader>> OpenReader(const std::string& path, const ReaderOptions& options) {
  std::unique_ptr<Reader> inner;
  std::error_code ec;
  if (path != "-" && std::filesystem::is_directory(path, ec)) {
    std::vector<std::filesystem::path> files;
    std::vector<std::string> skipped;
    for (auto it = std::filesystem::recursive_directory_iterator(path, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (!it->is_regular_file(ec) || name.empty() || name[0] == '.') continue;
      static constexpr std::string_view kExtensions[] = {"", ".txt", ".text", ".jsonl", ".json",
                                                         ".ndjson", ".xml", ".conllu"};
      const std::string ext = it->path().extension().string();
      if (std::find(std::begin(kExtensions), std::end(kExtensions), ext) != std::end(kExtensions)) {
        files.push_back(it->path());
      } else {
        skipped.push_back(it->path().string());
      }
    }
    std::sort(skipped.begin(), skipped.end());
    if (ec) return NotFoundError(path + ": cannot list directory: " + ec.message());
    std::sort(files.begin(), files.end());
    inner = std::make_unique<DirectoryReader>(std::move(files), std::move(skipped),
                                              std::filesystem::path(path), options);
  } else {
    std::string id = path == "-" ? "stdin" : TextId(path, {});
    DYAD_ASSIGN_OR_RETURN(inner, OpenFile(path, options, id));
  }
  return std::unique_ptr<Reader>(std::make_unique<CheckingReader>(std::move(inner), options));
}

std::unique_ptr<Reader> OpenStringReader(std::string data, const std::string& name,
                                         const ReaderOptions& options) {
  InputFormat format = options.format;
  if (format == InputFormat::kAuto)
    format = DetectFormat(name, std::string_view(data).substr(0, 4096));
  auto in = std::make_unique<LineSource>(std::make_unique<std::istringstream>(std::move(data)),
                                         nullptr, name);
  return std::make_unique<CheckingReader>(
      NewFormatReader(std::move(in), format, options, TextId(name, {})), options);
}

namespace {

// The records of several inputs, one after another; a path that cannot be opened is a record
// with its error, and the run goes on.
class ChainReader final : public Reader {
 public:
  ChainReader(std::vector<std::string> paths, ReaderOptions options)
      : paths_(std::move(paths)), options_(std::move(options)) {}
  std::optional<ReadRecord> Next() override {
    while (true) {
      if (!current_) {
        if (next_ >= paths_.size()) return std::nullopt;
        const std::string& path = paths_[next_++];
        auto r = OpenReader(path, options_);
        if (!r.ok()) {
          ReadRecord rec;
          rec.doc.meta.origin = path;
          rec.status = r.status();
          return rec;
        }
        current_ = std::move(*r);
      }
      if (auto rec = current_->Next()) return rec;
      for (std::string& n : current_->Notes()) notes_.push_back(std::move(n));
      current_.reset();
    }
  }
  std::vector<std::string> Notes() const override { return notes_; }

 private:
  std::vector<std::string> paths_;
  ReaderOptions options_;
  size_t next_ = 0;
  std::unique_ptr<Reader> current_;
  std::vector<std::string> notes_;
};

}  // namespace

std::unique_ptr<Reader> OpenReaders(std::vector<std::string> paths, const ReaderOptions& options) {
  return std::make_unique<ChainReader>(std::move(paths), options);
}

}  // namespace dyad
