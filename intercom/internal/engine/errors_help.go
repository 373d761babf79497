package engine

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// This file holds what makes an error say how to fix it: the hints of
// [*Error] (a 401 names the region the token was sent to, a 404 on a contact
// looked up by an email address says to search by email), the check of a
// token pasted with its "Bearer " scheme, and errorf, which keeps the
// "intercom: " prefix of a message to one.

// errPrefix starts every message of this package.
const errPrefix = "intercom: "

// errorf is fmt.Errorf for a message that starts with "intercom: ": when an
// argument's text repeats the prefix (a sentinel such as [ErrInvalidID], or
// an error of this package wrapped again), the repeat is dropped, so the
// message says "intercom:" once. errors.Is and errors.As see what
// fmt.Errorf's error wraps.
func Errorf(format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	msg := err.Error()
	if !strings.Contains(msg, ": "+errPrefix) {
		return err
	}
	return &prefixedOnce{msg: prefixOnce(msg), err: err}
}

// prefixOnce drops every "intercom: " that follows ": " in msg.
func prefixOnce(msg string) string {
	for strings.Contains(msg, ": "+errPrefix) {
		msg = strings.ReplaceAll(msg, ": "+errPrefix, ": ")
	}
	return msg
}

// prefixedOnce is an error of errorf whose message had a repeated prefix.
type prefixedOnce struct {
	msg string
	err error // what fmt.Errorf returned
}

func (e *prefixedOnce) Error() string { return e.msg }

// Unwrap returns what fmt.Errorf's error wraps: one error for one %w, several
// for several.
func (e *prefixedOnce) Unwrap() []error {
	switch u := e.err.(type) {
	case interface{ Unwrap() []error }:
		return u.Unwrap()
	case interface{ Unwrap() error }:
		if w := u.Unwrap(); w != nil {
			return []error{w}
		}
	}
	return nil
}

// ErrBearerPrefix is wrapped by the error of [NewClient] and
// [NewClientFromEnv] when the access token starts with "Bearer " (copied with
// its Authorization scheme): pass the token alone, the client adds the
// scheme. The error never shows the token.
var ErrBearerPrefix = errors.New(`the access token starts with "Bearer ": pass the token alone, the client sends "Authorization: Bearer <token>" itself`)

// checkBearerPrefix returns an error wrapping [ErrBearerPrefix] when token
// starts with "Bearer" (any case) followed by white space.
func checkBearerPrefix(token string) error {
	const scheme = "bearer"
	if len(token) > len(scheme) && strings.EqualFold(token[:len(scheme)], scheme) {
		switch token[len(scheme)] {
		case ' ', '\t':
			return fmt.Errorf("%s%w", errPrefix, ErrBearerPrefix)
		}
	}
	return nil
}

// Hint returns what the error's message adds to the response to say how to
// fix the call, or "" when it adds nothing:
//   - a 401 names the region (or base URL) the token was sent to and how to
//     pick another: a token works only in its workspace's region;
//   - a 404 of an operation on a contact whose contact id looks like an
//     email address says to find the contact with
//     [ContactsService.FindByEmail]; the message then shows the address as
//     [email address], so the error does not spread it into logs (Path and
//     Body keep what was sent and received).
func (e *Error) Hint() string {
	if e == nil {
		return ""
	}
	return e.hint
}

// explain sets the hint of e, an error of a response to req (see
// [Error.Hint]).
func (c *Client) explain(req *http.Request, e *Error) {
	switch e.StatusCode {
	case http.StatusUnauthorized:
		e.hint = c.regionHint()
	case http.StatusNotFound:
		if id := contactIDOf(req); id != "" && looksLikeEmail(id) {
			e.hint = "the contact id looks like an email address, but contact ids are Intercom's ids (contact.GetId()): " +
				"to find a contact by email use client.Contacts.FindByEmail"
			e.conceal = []string{id, url.PathEscape(id)}
		}
	}
}

// regionHint says where the client sends its token and how to pick another
// region.
func (c *Client) regionHint() string {
	const how = "a token works only in its workspace's region: choose it with intercom.WithRegion(intercom.RegionUS, RegionEU or RegionAU) or INTERCOM_REGION=us, eu or au"
	if c.cfg.baseURLSet {
		u := *c.base
		u.User, u.RawQuery, u.Fragment = nil, "", ""
		return fmt.Sprintf("the token was sent to %s (WithBaseURL); %s", c.scrub(u.String()), how)
	}
	return fmt.Sprintf("the token was sent to region %s (%s); %s", c.cfg.region, c.baseURL, how)
}

// contactIDOf returns the contact id in the path of req, an SDK call whose
// operation's path has {contact_id}, or "".
func contactIDOf(req *http.Request) string {
	op := OperationFromRequest(req)
	if op == nil || !strings.Contains(op.Path, "{contact_id}") {
		return ""
	}
	tmpl := strings.Split(strings.Trim(op.Path, "/"), "/")
	got := strings.Split(strings.Trim(req.URL.EscapedPath(), "/"), "/")
	if len(got) < len(tmpl) {
		return ""
	}
	got = got[len(got)-len(tmpl):] // a base URL may add a prefix
	for i, seg := range tmpl {
		if seg == "{contact_id}" {
			id, err := url.PathUnescape(got[i])
			if err != nil {
				return got[i]
			}
			return id
		}
	}
	return ""
}

// looksLikeEmail reports whether s has the shape local@domain.tld.
func looksLikeEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || strings.Contains(domain, "@") {
		return false
	}
	dot := strings.LastIndexByte(domain, '.')
	return dot > 0 && dot < len(domain)-1
}

// withHint returns msg followed by the error's hint, with what it must
// conceal replaced.
func (e *Error) withHint(msg string) string {
	if e.hint != "" {
		msg += "; " + e.hint
	}
	for _, s := range e.conceal {
		if s != "" {
			msg = strings.ReplaceAll(msg, s, "[email address]")
		}
	}
	return msg
}

// requireAdminID checks an admin id taken as an argument: admin ids are
// positive numbers, and every method taking one checks it the same way
// ([AdminsService.Get] does, from the description's integer path parameter).
// The error wraps [ErrInvalidID].
func RequireAdminID(adminID string) error {
	return NumericString("admin id", adminID)
}
