package intercom

import "github.com/intercomkit/intercom-go/gen"

// APIVersion is the Intercom REST API version this release of the SDK is built
// against (the version of the OpenAPI description gen/ was generated from). It
// is sent as the Intercom-Version header on every request unless overridden
// with [WithAPIVersion].
const APIVersion = gen.APIVersion

// Version is the version of this SDK. It appears in the User-Agent header.
const Version = "0.2.0"
