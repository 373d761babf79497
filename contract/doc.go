// Package contract is the contract suite of intercom-go: it calls every operation of the
// pinned Intercom OpenAPI description through the SDK against a Prism mock server that
// serves the unmodified upstream description with request validation on, and fails on
// any violation Prism reports or any response the SDK cannot decode. The whole table must
// exercise at least 97% of the operations of gen.Operations (the pinned API version,
// gen.APIVersion); every other operation is on an exception list with its reason.
//
// What it takes for valid requests to pass against Prism 5.16 (details in the tests):
//   - a bearer token (Prism enforces the description's security scheme with a 401);
//   - the right Accept header per operation (a text/plain download asked for as
//     application/json gets a 406);
//   - with --errors Prism also validates the example it is about to return and answers
//     500 when the upstream example breaks its own schema; for those operations, listed
//     in exampleExceptions, the suite asks for a generated answer (Prefer: dynamic=true,
//     made repeatable by Prism's --seed);
//   - a 302 to a signed URL off Intercom's host is answered by the suite's recorder, so
//     nothing leaves loopback.
//
// The package holds tests only. They are skipped unless INTERCOM_PRISM_URL names a
// running Prism; `bash scripts/contract/run.sh` (make contract) installs and starts Prism
// on a free loopback port, runs the suite and stops Prism again.
package contract
