// Package preview calls Intercom's Preview API (Intercom-Version: Preview):
// the operations Intercom publishes ahead of a numbered version, such as
// Fin's agent API, folders, identity-verification secrets and bulk contact
// and company jobs, with every other operation at its Preview shape.
//
// This package may change in any release, in ways a numbered API version
// never would: its methods and types follow Intercom's Preview description
// (descriptions/0 upstream), which Intercom changes without notice.
// Code that must keep compiling across SDK releases should use package
// intercom, which pins one numbered version.
//
// A Preview client is made from a package intercom client and runs every
// call on its engine: the same HTTP client, credentials, region, rate-limit
// budget, retries, options, errors and iterators.
//
//	c, err := intercom.NewClient(token)
//	p := preview.New(c)
//	secrets, err := p.IdentityVerificationSecrets.List(ctx)
//
// The types the methods take and return are aliases in this package of
// package github.com/intercomkit/intercom-go/gen/preview, generated from the
// Preview description.
package preview

import (
	intercomgen "github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/intercom/internal/engine"
)

// APIVersion is the Intercom-Version header every call of this package
// sends (the value Intercom's descriptions give for the Preview API).
const APIVersion = "Preview"

// Client calls Intercom's Preview API through a package intercom client.
// It is safe for concurrent use, like the client it wraps.
type Client struct {
	// Services holds one field per resource: p.Contacts, p.Folders, ...
	Services
	svc serviceValues
	// e is the engine of the parent client: every call of this package
	// runs on it (intercom/internal/engine), its Operations sending
	// Intercom-Version: Preview.
	e      *engine.Client
	server string
}

// Option configures one call, exactly as for package intercom's methods
// (intercom.WithMaxRetries, intercom.WithParams, intercom.WithStrictDecoding,
// ...).
type Option = intercom.Option

// Operation describes the Intercom API operation a call performs; a
// middleware reads it with [intercom.OperationFromRequest].
type Operation = intercom.Operation

// Download is the file of a call that downloads one (see
// [intercom.Download]).
type Download = intercom.Download

// New returns a Preview client that shares c's HTTP client, credentials,
// region, base URL, rate-limit budget and options, and sends
// Intercom-Version: Preview (a call's own intercom.WithAPIVersion
// overrides it). New panics if c is nil.
func New(c *intercom.Client) *Client {
	if c == nil {
		panic("preview.New: nil *intercom.Client")
	}
	// The parent's engine is the HTTP layer of its raw generated client
	// (the one way to it that package intercom does not export).
	e := engine.Of(c.Raw().ClientInterface.(*intercomgen.Client).Client)
	p := &Client{e: e, server: e.Server()}
	p.Services.init(p, &p.svc)
	return p
}

// engine returns the parent client's engine, which the generated methods
// hand their requests to.
func (c *Client) engine() *engine.Client { return c.e }
