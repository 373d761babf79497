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
// The suite builds and its offline tests pass on every supported API version (make
// check-versions pins each in turn), so the table is written for all of them:
//   - an operation whose facade method takes only path ids (and optional params that
//     may be nil) has no hand-written entry: its entry is derived from the pinned
//     version's per-operation table and the method's signature (derived_test.go), so an
//     operation a new version adds or removes needs no edit here;
//   - any other operation gets a tableOp entry: its data only (path ids, the body or
//     params as JSON literals, jsonArg), the method being the one the pinned version's
//     table gives it, resolved by reflection when it runs;
//   - a typed entry (op) names facade methods and gen types at compile time, so it is
//     only for a call the table does not name (a hand-written convenience) that every
//     supported version has with the same signature and types;
//   - an operation that only some versions have gets a dynOp entry: its method is named
//     as "Service.Method" and its arguments given as path ids, JSON literals (jsonArg,
//     held to the same checks as a typed entry's body) and nil, resolved by reflection
//     when it runs; on a version without the operation it is skipped and not counted;
//   - an exception-list entry that holds on some versions only lists them (exception);
//     on the others it is inactive.
//
// TestOperationsCoverTable checks all of it without Prism: a typed entry must name an
// operation of the pinned version; a tableOp or dynOp entry must resolve there with literals that
// fit or, for an operation the pinned version lacks, target one another supported
// version has (read from api/operations/<version>.yaml) under the same method; and an
// exception entry for an operation the pinned version lacks must be marked with
// supported versions that have it.
//
// The Preview API (intercom/preview, generated from descriptions/0) has its own run,
// TestPreviewContract, against a second Prism serving the unmodified Preview description,
// with the same rule: zero violations, every operation exercised or on an exception list
// (previewExceptions, previewExampleExceptions, each with its reason), at least
// minCoveragePercent of those not excepted exercised. Its table is not written by hand:
// one entry per operation of gen/preview.Operations, calling the method intercom/preview's
// generated operation list gives it, with arguments built from the description
// (preview_args_test.go): path ids and required query parameters from their examples or
// schemas, the table's positional body fields, and a request body from the description's
// examples, the first that conforms to its schema and that the SDK's body type holds
// exactly, else a sample of the schema. previewHandArgs gives the two bodies the
// description cannot. TestPreviewEntries builds all of it without Prism.
//
// The package holds tests only. They are skipped unless INTERCOM_PRISM_URL names a
// running Prism, TestPreviewContract unless INTERCOM_PREVIEW_PRISM_URL does;
// `bash scripts/suites/contract/run.sh` (make contract, a step of make test) installs
// Prism, starts both on free loopback ports, runs the suite and stops them again.
package contract
