#include "query_sql.h"

namespace dyad::store_internal {

std::string PrefixEnd(const std::string& prefix) {
  std::string end = prefix;
  while (!end.empty()) {
    unsigned char c = static_cast<unsigned char>(end.back());
    if (c < 0xFF) {
      end.back() = static_cast<char>(c + 1);
      return end;
    }
    end.pop_back();
  }
  return end;
}

namespace {

// "col >= ? AND col < ?" for a prefix (an index range, unlike LIKE with a parameter).
void Prefix(Sql& q, const char* col, const std::string& prefix) {
  std::string end = PrefixEnd(prefix);
  q.text += std::string("(") + col + " >= ?";
  q.binds.push_back(prefix);
  if (!end.empty()) {
    q.text += std::string(" AND ") + col + " < ?";
    q.binds.push_back(end);
  }
  q.text += ")";
}

// Three capital letters that are not one of the non-state prefixes schema.cc leaves out.
bool IsCountry(const std::string& c) {
  if (c.size() != 3) return false;
  for (char ch : c)
    if (ch < 'A' || ch > 'Z') return false;
  for (const char* other : {"IGO", "NGO", "IMG", "MNC", "UAF"})
    if (c == other) return false;
  return true;
}

// The filter's conditions on alias e, each "AND …"; the text starts with "1".
bool Pg(const Sql& q) { return q.dialect == Dialect::kPostgres; }

// "WHERE 1", which PostgreSQL spells "WHERE TRUE".
const char* True(const Sql& q) { return Pg(q) ? "TRUE" : "1"; }

// The sum of a REAL column as a REAL (0.0 for no rows).
std::string Total(const Sql& q, const char* col) {
  return Pg(q) ? std::string("COALESCE(SUM(") + col + "), 0)" : std::string("TOTAL(") + col + ")";
}

void Where(Sql& q, const EventFilter& f) {
  q.text += std::string(" WHERE ") + True(q);
  if (!f.from.empty()) {
    q.text += " AND e.day >= ?";
    q.binds.push_back(int64_t{f.from.ToDays()});
  }
  if (!f.to.empty()) {
    q.text += " AND e.day <= ?";
    q.binds.push_back(int64_t{f.to.ToDays()});
  }
  if (!f.source.empty()) {
    q.text += " AND ";
    Prefix(q, "e.source", f.source);
  }
  if (!f.target.empty()) {
    q.text += " AND ";
    Prefix(q, "e.target", f.target);
  }
  if (!f.country.empty()) {
    // A country is exactly a three-letter code prefix (see the country columns in schema.cc),
    // which the actor indexes answer without reading table rows.
    if (IsCountry(f.country)) {
      q.text += " AND (";
      Prefix(q, "e.source", f.country);
      q.text += " OR ";
      Prefix(q, "e.target", f.country);
      q.text += ")";
    } else {
      q.text += " AND (e.source_country = ? OR e.target_country = ?)";
      q.binds.push_back(f.country);
      q.binds.push_back(f.country);
    }
  }
  if (IsCountry(f.dyad_a) && IsCountry(f.dyad_b)) {
    // Two countries: the country-pair index (schema v6) answers both directions exactly.
    q.text +=
        " AND ((e.source_country = ? AND e.target_country = ?) OR (e.source_country = ? AND "
        "e.target_country = ?))";
    for (const std::string* c : {&f.dyad_a, &f.dyad_b, &f.dyad_b, &f.dyad_a}) q.binds.push_back(*c);
  } else if (!f.dyad_a.empty() || !f.dyad_b.empty()) {
    q.text += " AND ((";
    Prefix(q, "e.source", f.dyad_a);
    q.text += " AND ";
    Prefix(q, "e.target", f.dyad_b);
    q.text += ") OR (";
    Prefix(q, "e.source", f.dyad_b);
    q.text += " AND ";
    Prefix(q, "e.target", f.dyad_a);
    q.text += "))";
  }
  if (!f.code.empty()) {
    q.text += " AND ";
    Prefix(q, "e.code", f.code);
  }
  if (!f.root.empty()) {
    // A CAMEO code starts with its root: the code index answers, and the stored root agrees.
    q.text += " AND ";
    Prefix(q, "e.code", f.root);
    q.text += Pg(q) ? " AND length(CAST(? AS text)) = 2" : " AND length(?) = 2";
    q.binds.push_back(f.root);
  }
  if (f.quad_class != 0) {
    q.text += " AND e.quad_class = ?";
    q.binds.push_back(int64_t{f.quad_class});
  }
  if (!f.text.empty()) {
    // PostgreSQL: a tsvector column with a GIN index, queried in websearch_to_tsquery syntax.
    q.text += Pg(q) ? " AND e.doc IN (SELECT id FROM documents WHERE "
                      "tsv @@ websearch_to_tsquery('simple', ?))"
                    : " AND e.doc IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)";
    q.binds.push_back(f.text);
    q.has_text = true;
  }
}

const char* GroupKey(Dedup d) {
  return d == Dedup::kStory ? "e.doc, e.source, e.target, e.code"
                            : "e.day, e.source, e.target, e.code";
}

// "FROM events e WHERE <the filtered events>" ending in a condition, so callers can append
// "AND …". Under dedup, `e` is one row per group with the columns `columns` ("e.day AS day,
// …"): SQLite takes the bare columns of a MIN() aggregate from the row holding the minimum, so
// each group is its first event without a second look-up by id. Asking only for columns the
// indexes hold keeps table rows unread.
void FilteredEvents(Sql& q, const EventFilter& f, const char* columns) {
  if (f.dedup == Dedup::kNone) {
    q.text += " FROM events e";
    Where(q, f);
    return;
  }
  if (Pg(q)) {
    // PostgreSQL has no bare columns; DISTINCT ON keeps each group's first row in id order.
    q.text += std::string(" FROM (SELECT DISTINCT ON (") + GroupKey(f.dedup) + ") e.id AS id, " +
              columns + " FROM events e";
    Where(q, f);
    q.text += std::string(" ORDER BY ") + GroupKey(f.dedup) + ", e.id) e WHERE TRUE";
    return;
  }
  q.text += std::string(" FROM (SELECT MIN(e.id) AS id, ") + columns + " FROM events e";
  Where(q, f);
  q.text += std::string(" GROUP BY ") + GroupKey(f.dedup) + ") e WHERE 1";
}

void Limit(Sql& q, const Page& page) {
  if (Pg(q) && page.limit < 0) {
    q.text += " LIMIT ALL OFFSET ?";
  } else {
    q.text += " LIMIT ? OFFSET ?";
    q.binds.push_back(int64_t{page.limit < 0 ? -1 : page.limit});
  }
  q.binds.push_back(int64_t{page.offset < 0 ? 0 : page.offset});
}

// Groups whose first event comes after the page's after_id.
void AfterGroup(Sql& q, const Page& page) {
  if (page.after_id <= 0) return;
  q.text += " HAVING MIN(e.id) > ?";
  q.binds.push_back(page.after_id);
}

const char kJoins[] =
    " JOIN documents d ON d.id = e.doc"
    " LEFT JOIN sentences s ON s.doc = e.doc AND s.idx = e.sentence";

}  // namespace

Sql EventsSql(const EventFilter& f, const char* columns, const Page& page, Dialect dialect) {
  Sql q{.dialect = dialect};
  if (f.dedup == Dedup::kNone) {
    // The page's ids first (from an index), then the joins for those rows only.
    q.text += std::string("SELECT ") + columns + " FROM (SELECT e.id FROM events e";
    Where(q, f);
    if (page.after_id > 0) {
      q.text += " AND e.id > ?";
      q.binds.push_back(page.after_id);
    }
    q.text += " ORDER BY e.id";
    Limit(q, page);
    q.text += ") p JOIN events e ON e.id = p.id" + std::string(kJoins) + " ORDER BY e.id";
    return q;
  } else {
    q.text += std::string("SELECT ") + columns +
              ", g.n, g.ns, g.na FROM (SELECT MIN(e.id) AS id, COUNT(*) AS n, "
              "COUNT(DISTINCT d.source) AS ns, COUNT(DISTINCT e.doc) AS na "
              "FROM events e JOIN documents d ON d.id = e.doc";
    Where(q, f);
    q.text += std::string(" GROUP BY ") + GroupKey(f.dedup);
    AfterGroup(q, page);
    q.text += std::string(") g JOIN events e ON e.id = g.id") + kJoins;
  }
  q.text += " ORDER BY e.id";
  Limit(q, page);
  return q;
}

Sql EventByIdSql(int64_t id, const char* columns, Dialect dialect) {
  Sql q{.dialect = dialect};
  q.text += std::string("SELECT ") + columns + " FROM events e" + kJoins + " WHERE e.id = ?";
  q.binds.push_back(id);
  return q;
}

Sql MentionsSql(const EventFilter& f, const Page& page, Dialect dialect) {
  Sql q{.dialect = dialect};
  EventFilter all = f;
  all.dedup = Dedup::kNone;
  // The group's first event's document: SQLite takes the bare column e.doc from the MIN(e.id)
  // row; PostgreSQL looks the event up.
  const char* gdoc = Pg(q) ? "ge.doc" : "g.doc";
  q.text += std::string(
                "SELECT g.id, e.day, d.day, d.source, d.url, d.doc_id, e.sentence, e.source_begin, "
                "e.target_begin, e.trigger_begin, ") +
            (Pg(q) ? "octet_length(d.text)" : "length(CAST(d.text AS BLOB))") +
            ", (SELECT doc_id FROM documents WHERE id = " + gdoc +
            "), (SELECT COUNT(*) FROM events x WHERE x.doc = " + gdoc +
            " AND x.id < g.id), d.tone FROM (SELECT MIN(e.id) AS id, " +
            (Pg(q) ? "" : "e.doc AS doc, ") + "e.day, e.source, e.target, e.code FROM events e";
  Where(q, all);
  // The page is of events (groups), so a group's mentions are never split between pages.
  q.text += " GROUP BY e.day, e.source, e.target, e.code";
  AfterGroup(q, page);
  q.text += " ORDER BY MIN(e.id)";
  Limit(q, page);
  q.text += std::string(") g ") + (Pg(q) ? "JOIN events ge ON ge.id = g.id " : "") +
            "JOIN events e ON e.day " + (Pg(q) ? "IS NOT DISTINCT FROM" : "IS") +
            " g.day AND e.source = g.source AND e.target = g.target AND "
            "e.code = g.code JOIN documents d ON d.id = e.doc";
  // The mentions of a group are the filtered events in it.
  Where(q, all);
  q.text += " ORDER BY g.id, e.id";
  return q;
}

Sql DaySeriesSql(const EventFilter& f, Dialect dialect) {
  Sql q{.dialect = dialect};
  q.text += "SELECT e.day, COUNT(*), " + Total(q, "e.goldstein");
  FilteredEvents(q, f, "e.day AS day, e.goldstein AS goldstein");
  q.text += " AND e.day IS NOT NULL GROUP BY e.day ORDER BY e.day";
  return q;
}

Sql CountBySql(const EventFilter& f, GroupBy by, int top, Dialect dialect) {
  Sql q{.dialect = dialect};
  switch (by) {
    case GroupBy::kDyad:
      q.text = "SELECT e.source || ',' || e.target AS k, COUNT(*) AS n, " + Total(q, "e.goldstein");
      FilteredEvents(q, f, "e.source AS source, e.target AS target, e.goldstein AS goldstein");
      q.text += " GROUP BY e.source, e.target";
      break;
    case GroupBy::kSource:
    case GroupBy::kTarget: {
      const char* col = by == GroupBy::kSource ? "e.source" : "e.target";
      q.text = std::string("SELECT ") + col + " AS k, COUNT(*) AS n, " + Total(q, "e.goldstein");
      FilteredEvents(q, f, "e.source AS source, e.target AS target, e.goldstein AS goldstein");
      q.text += std::string(" GROUP BY ") + col;
      break;
    }
    case GroupBy::kCountry:
      // An event counts once for each country on its sides (once when both are the same).
      q.text = "SELECT c AS k, COUNT(*) AS n, " + Total(q, "g") +
               " FROM (SELECT e.id, e.source_country AS c, e.goldstein AS g";
      const char* columns =
          "e.source_country AS source_country, e.target_country AS target_country, "
          "e.goldstein AS goldstein";
      FilteredEvents(q, f, columns);
      q.text +=
          " AND e.source_country IS NOT NULL UNION SELECT e.id, e.target_country, e.goldstein";
      FilteredEvents(q, f, columns);
      q.text += " AND e.target_country IS NOT NULL) u GROUP BY c";
      break;
  }
  if (top > 0 || !Pg(q)) {
    q.text += " ORDER BY n DESC, k LIMIT ?";
    q.binds.push_back(int64_t{top > 0 ? top : -1});
  } else {
    q.text += " ORDER BY n DESC, k";
  }
  return q;
}

}  // namespace dyad::store_internal
