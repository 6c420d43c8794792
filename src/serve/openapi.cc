// The OpenAPI description, compiled in from openapi.json (kept true by server_test).
#include "dyad/serve/server.h"

namespace dyad::serve {

extern const char kOpenApi0[];

const char* OpenApiDocument() { return kOpenApi0; }

}  // namespace dyad::serve
