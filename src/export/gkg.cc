// AppendGdeltGkgRow: the GKG 2.1 columns from a GkgRecord (codebook V2.1, field by field).
#include "dyad/export/gkg.h"

#include <fmt/format.h>

#include <cmath>

namespace dyad {
namespace {

// A field of a tab-separated line: control characters become spaces, and the GKG's own
// delimiters inside a value (';' between items, '#' and ',' within one) become spaces too.
std::string Clean(std::string_view s, std::string_view delimiters = ";#,") {
  std::string out(s);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || delimiters.find(c) != std::string_view::npos)
      c = ' ';
  return out;
}

void AddItem(std::string& list, const std::string& item) {
  if (!list.empty()) list += ';';
  list += item;
}

}  // namespace

void AppendGdeltGkgRow(const Document& doc, const GkgRecord& g, const RecordOptions& options,
                       std::string& out) {
  std::string date = options.date_added;
  if (date.empty() && !doc.meta.date.empty())
    date = fmt::format("{:04}{:02}{:02}000000", doc.meta.date.year, doc.meta.date.month,
                       doc.meta.date.day);
  std::vector<std::string> col(kGdeltGkgColumns);
  col[0] = date + "-" + Clean(doc.meta.id, "");  // GKGRECORDID
  col[1] = date;                                 // V2.1DATE
  col[2] = doc.meta.url.empty() ? "2" : "1";     // 1 WEB, 2 CITATIONONLY
  col[3] = Clean(doc.meta.source.empty() ? UrlHost(doc.meta.url) : doc.meta.source, "");
  col[4] = Clean(doc.meta.url.empty() ? doc.meta.id : doc.meta.url, "");
  // Counts: type#number#object#location type#name#country#ADM1#lat#long#feature id (V1), and
  // the character offset (V2.1). dyad does not tie a count to a place: location type 0.
  for (const GkgCount& c : g.counts) {
    std::string v1 = fmt::format("{}#{}#{}#0######", Clean(c.type), c.number, Clean(c.object));
    AddItem(col[5], v1);
    AddItem(col[6], fmt::format("{}#{}", v1, c.evidence.begin));
  }
  // Themes: dyad's issue codes (V1); V2 adds an offset, which BuildGkg does not keep: 0.
  for (const std::string& t : g.themes) {
    AddItem(col[7], Clean(t));
    AddItem(col[8], Clean(t) + ",0");
  }
  // Locations: type#full name#country (FIPS)#ADM1#lat#long#feature id (V1); V2 adds ADM2 after
  // ADM1 and the first mention's offset.
  for (const GkgLocation& l : g.locations) {
    const GeoPlace& p = l.place;
    if (p.empty()) continue;
    std::string name = Clean(p.name, ";#");
    AddItem(col[9],
            fmt::format("{}#{}#{}#{}#{}#{}#{}", p.geo_type, name, p.country_fips, p.adm1,
                        FormatCoordinate(p.lat), FormatCoordinate(p.lon), Clean(p.feature_id)));
    AddItem(col[10], fmt::format("{}#{}#{}#{}##{}#{}#{}#{}", p.geo_type, name, p.country_fips,
                                 p.adm1, FormatCoordinate(p.lat), FormatCoordinate(p.lon),
                                 Clean(p.feature_id), p.evidence.begin));
  }
  for (auto [v1, v2, names] :
       {std::tuple{&col[11], &col[12], &g.persons}, {&col[13], &col[14], &g.organizations}}) {
    for (const GkgName& n : *names) {
      AddItem(*v1, Clean(n.name));
      AddItem(*v2, fmt::format("{},{}", Clean(n.name), n.first));
    }
  }
  // V1.5TONE: tone, positive, negative, polarity, activity and self/group reference densities
  // (not measured: 0), word count.
  const Tone& t = g.tone;
  col[15] = fmt::format("{},{},{},{},0,0,{}", t.tone, t.positive, t.negative,
                        t.positive + t.negative, t.words);
  col[17] = fmt::format("wc:{}", t.words);  // V2GCAM: the word count only
  // V2.1ALLNAMES: every named entity mention, "name,offset".
  for (const Entity& e : doc.entities) {
    if (e.span.empty() || e.span.end > doc.text.size()) continue;
    AddItem(col[23], fmt::format("{},{}", Clean(doc.SpanText(e.span)), e.span.begin));
  }
  // V2.1AMOUNTS: "amount,object,offset" for every count.
  for (const GkgCount& c : g.counts)
    AddItem(col[24], fmt::format("{},{},{}", c.number, Clean(c.object), c.evidence.begin));
  if (!doc.meta.title.empty())
    col[26] = "<PAGE_TITLE>" + Clean(doc.meta.title, "<>") + "</PAGE_TITLE>";
  for (size_t i = 0; i < col.size(); ++i) {
    if (i) out += '\t';
    for (char c : col[i]) out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
  }
  out += '\n';
}

}  // namespace dyad
