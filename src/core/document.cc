#include "dyad/core/document.h"

namespace dyad {

const char* DateSourceName(DateSource s) {
  switch (s) {
    case DateSource::kNone: return "none";
    case DateSource::kMetadata: return "metadata";
    case DateSource::kDateline: return "dateline";
    case DateSource::kDefault: return "default";
  }
  return "none";
}

void Document::ClearLayers() {
  body_begin = 0;
  sentences.clear();
  tokens.clear();
  words.clear();
  entities.clear();
  actors.clear();
  events.clear();
  issues.clear();
  token_labels = {};
  places.clear();
  tone = {};
}

}  // namespace dyad
