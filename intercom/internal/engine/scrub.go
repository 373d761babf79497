package engine

import (
	"encoding/base64"
	"strings"
	"sync"
)

// This file is the one scrubber of the client's secret (its access token).
// A server, a proxy or a URL can hand the token back in several encodings,
// and each must be caught wherever text leaves the SDK (error text, the
// Errors[].Message and RequestID of an [*Error], the raw body kept on it,
// transport errors, log lines and observer events):
//
//   - literally;
//   - JSON-escaped: any character as \uXXXX, and "/" as "\/";
//   - percent-encoded, as a query or a path carries it: any byte as %XX
//     (either case of hex digit);
//   - the same bytes in the other base64 alphabets: a token that is base64
//     (Intercom's are) is also looked for in standard and URL-safe base64,
//     padded and unpadded, and, when the decoded bytes are printable, as
//     those bytes.
//
// Every form is matched by one scan ([secretScrubber.index]): at each byte
// of the text, a character of the secret may appear literally or in any of
// the escapes above, so mixed encodings (a percent-encoded "=" after a
// literal "/") are caught too.

// secretScrubber finds and replaces every encoded form of a secret. The
// forms are worked out on first use, not when the client is made: decoding
// and re-encoding the token in four base64 alphabets costs about 45
// allocations, which NewClient (made once per workspace by multi-tenant
// programs) should not pay for errors it may never see.
type secretScrubber struct {
	secret string
	once   sync.Once
	forms  [][]byte // the secret's byte forms, longest first; nil: nothing to scrub
}

// minScrubbedForm is the shortest decoded form of a secret looked for: a
// shorter one could match ordinary text.
const minScrubbedForm = 8

// newSecretScrubber returns the scrubber of secret ("" scrubs nothing).
func newSecretScrubber(secret string) *secretScrubber {
	return &secretScrubber{secret: secret}
}

// all returns the secret's forms, working them out on the first call.
func (s *secretScrubber) all() [][]byte {
	if s == nil {
		return nil
	}
	s.once.Do(s.build)
	return s.forms
}

// build works out the forms of s.secret.
func (s *secretScrubber) build() {
	secret := s.secret
	if secret == "" {
		return
	}
	seen := map[string]bool{}
	add := func(f string) {
		if len(f) >= minScrubbedForm && !seen[f] {
			seen[f] = true
			s.forms = append(s.forms, []byte(f))
		}
	}
	add(secret)
	if len(secret) < minScrubbedForm {
		// A token this short is unusual; scrub it literally whatever its length.
		s.forms = append(s.forms, []byte(secret))
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		raw, err := enc.DecodeString(secret)
		if err != nil {
			continue
		}
		for _, out := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
			add(out.EncodeToString(raw))
		}
		if printable(raw) {
			add(string(raw))
		}
	}
	// Longest first, so that a padded form is replaced whole rather than
	// leaving its "=" behind an unpadded match.
	for i := 1; i < len(s.forms); i++ {
		for j := i; j > 0 && len(s.forms[j]) > len(s.forms[j-1]); j-- {
			s.forms[j], s.forms[j-1] = s.forms[j-1], s.forms[j]
		}
	}
}

// printable reports whether b is printable ASCII.
func printable(b []byte) bool {
	for _, c := range b {
		if c < ' ' || c > '~' {
			return false
		}
	}
	return len(b) > 0
}

// String scrubs s: every form of the secret becomes [REDACTED].
func (s *secretScrubber) String(str string) string {
	if len(s.all()) == 0 || !s.mayHold(str) {
		return str
	}
	return string(s.replace([]byte(str)))
}

// Bytes scrubs b, returning b itself when it holds no form of the secret.
func (s *secretScrubber) Bytes(b []byte) []byte {
	if len(s.all()) == 0 {
		return b
	}
	return s.replace(b)
}

// mayHold is a cheap test that str could hold a form of the secret: the
// first byte of a form, or the start of an escape.
func (s *secretScrubber) mayHold(str string) bool {
	if strings.ContainsAny(str, `%\`) {
		return true
	}
	for _, f := range s.all() {
		if strings.IndexByte(str, f[0]) >= 0 {
			return true
		}
	}
	return false
}

// Contains reports whether str holds a form of the secret.
func (s *secretScrubber) Contains(str string) bool {
	if len(s.all()) == 0 || !s.mayHold(str) {
		return false
	}
	b := []byte(str)
	for i := range b {
		for _, f := range s.all() {
			if matchForm(b, i, f) > 0 {
				return true
			}
		}
	}
	return false
}

// replace returns b with every form of the secret replaced, or b itself
// when there is none.
func (s *secretScrubber) replace(b []byte) []byte {
	var out []byte
	last := 0
	for i := 0; i < len(b); {
		n := 0
		for _, f := range s.all() {
			if n = matchForm(b, i, f); n > 0 {
				break
			}
		}
		if n == 0 {
			i++
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(b))
		}
		out = append(out, b[last:i]...)
		out = append(out, redacted...)
		i += n
		last = i
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

// maxEscapeDepth is how many layers of escaping the scrubber undoes: a
// percent-encoded percent sign ("%252B" for "+"), a JSON escape that went
// through a query ("%5Cu002b"), and one more for good measure.
const maxEscapeDepth = 3

// matchForm returns the length of the text at b[i:] that encodes form, each
// byte literally, percent-encoded or JSON-escaped, up to maxEscapeDepth
// layers deep, or 0 when it does not.
func matchForm(b []byte, i int, form []byte) int {
	start := i
	for _, want := range form {
		c, next := readEscaped(b, i, maxEscapeDepth)
		if next < 0 || c != int(want) {
			return 0
		}
		i = next
	}
	return i - start
}

// readEscaped reads one character at b[i:], undoing depth layers of
// escaping: at each layer, %XX is the byte XX, \/, \" and \\ are the escaped
// character and \uXXXX is the rune XXXX (only ASCII matters here); anything
// else is itself. It returns the character and the index after it, or -1 at
// the end of b.
func readEscaped(b []byte, i, depth int) (int, int) {
	if i >= len(b) {
		return 0, -1
	}
	if depth == 0 {
		return int(b[i]), i + 1
	}
	c, j := readEscaped(b, i, depth-1)
	switch c {
	case '%':
		h, k := readEscaped(b, j, depth-1)
		l, m := readEscaped(b, k, depth-1)
		if k < 0 || m < 0 {
			return c, j
		}
		if v := hexPair(byte(h), byte(l)); v >= 0 && h < 0x80 && l < 0x80 {
			return v, m
		}
	case '\\':
		e, k := readEscaped(b, j, depth-1)
		switch {
		case k < 0:
		case e == '/' || e == '"' || e == '\\':
			return e, k
		case e == 'u':
			v, n := 0, k
			for range 4 {
				var d int
				d, n = readEscaped(b, n, depth-1)
				if n < 0 || d >= 0x80 || unhex(byte(d)) < 0 {
					return c, j
				}
				v = v<<4 | unhex(byte(d))
			}
			return v, n
		}
	}
	return c, j
}

// hexPair returns the byte two hex digits spell, or -1.
func hexPair(a, b byte) int {
	h, l := unhex(a), unhex(b)
	if h < 0 || l < 0 {
		return -1
	}
	return h<<4 | l
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return int(c - 'A' + 10)
	}
	return -1
}

// scrubBytes removes every form of the access token from b.
func (c *Client) scrubBytes(b []byte) []byte { return c.secrets().Bytes(b) }

// secrets returns the client's scrubber (built by newClient; built here for
// a Client made some other way, such as in a test).
func (c *Client) secrets() *secretScrubber {
	if c.scrubber == nil {
		return newSecretScrubber(c.token)
	}
	return c.scrubber
}

// scrubError removes the access token, in every encoded form, from the
// decoded fields of e (its raw body is scrubbed before decoding, but a
// field's JSON escapes can spell the token in a form only decoding reveals).
func (c *Client) scrubError(e *Error) {
	e.Type, e.RequestID = c.scrub(e.Type), c.scrub(e.RequestID)
	for i := range e.Errors {
		d := &e.Errors[i]
		d.Code, d.Message, d.Field = c.scrub(d.Code), c.scrub(d.Message), c.scrub(d.Field)
	}
}
