package webhook

import (
	"crypto/hmac"
	"crypto/sha1" // #nosec G505 -- Intercom signs webhooks with HMAC-SHA1; we must verify what it sends.
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// SignatureHeader is the request header that carries Intercom's signature of
// the body: "sha1=" followed by the hex HMAC-SHA1 of the raw body, keyed with
// the app's client secret.
const SignatureHeader = "X-Hub-Signature"

// DefaultMaxBodyBytes is the body size limit used by [VerifyRequest] when given
// a limit <= 0, and by [Handler] unless [WithMaxBodyBytes] is used.
const DefaultMaxBodyBytes int64 = 5 << 20

const signaturePrefix = "sha1="

// Errors returned by [Verify], [VerifyRequest] and [Parse]. They are distinct
// so callers can tell them apart with errors.Is; none of them ever contains
// the secret.
var (
	// ErrEmptySecret means the secret given for verification is empty. It is a
	// configuration error: an empty key would accept forged notifications.
	ErrEmptySecret = errors.New("webhook: empty client secret")
	// ErrMissingSignature means the request has no X-Hub-Signature header, or
	// an empty one.
	ErrMissingSignature = errors.New("webhook: missing " + SignatureHeader + " header")
	// ErrMalformedSignature means the X-Hub-Signature header is present but is
	// not "sha1=" followed by 40 hex digits, or the header appears more than once.
	ErrMalformedSignature = errors.New("webhook: malformed " + SignatureHeader + " header (want sha1=<40 hex digits>)")
	// ErrInvalidSignature means the signature is well formed but does not match
	// the body under the secret: the body was altered, or signed with another
	// secret.
	ErrInvalidSignature = errors.New("webhook: signature does not match the body")
	// ErrBodyTooLarge means the request body exceeds the configured limit.
	ErrBodyTooLarge = errors.New("webhook: request body too large")
	// ErrMalformedNotification means the body is not a valid Intercom
	// notification envelope.
	ErrMalformedNotification = errors.New("webhook: malformed notification")
)

// Sign returns the X-Hub-Signature value Intercom would send for body:
// "sha1=" and the lower-case hex HMAC-SHA1 of body keyed with secret. It is
// useful for tests and local tools that post notifications to a handler.
func Sign(secret, body []byte) string {
	return signaturePrefix + hex.EncodeToString(mac(secret, body))
}

// Verify checks that signature (the X-Hub-Signature header value) is the
// HMAC-SHA1 of body keyed with secret. It returns nil when it is, and
// otherwise an error matching one of ErrEmptySecret, ErrMissingSignature,
// ErrMalformedSignature or ErrInvalidSignature. The algorithm name is matched
// case-insensitively, surrounding spaces are ignored, and hex digits may be
// upper or lower case. The signature bytes are compared in constant time.
//
// body must be the raw request body exactly as received, before any decoding.
func Verify(secret, body []byte, signature string) error {
	if len(secret) == 0 {
		return ErrEmptySecret
	}
	signature = strings.TrimSpace(signature)
	if signature == "" {
		return ErrMissingSignature
	}
	if len(signature) < len(signaturePrefix) || !strings.EqualFold(signature[:len(signaturePrefix)], signaturePrefix) {
		return ErrMalformedSignature
	}
	digits := signature[len(signaturePrefix):]
	if len(digits) != 2*sha1.Size {
		return ErrMalformedSignature
	}
	got, err := hex.DecodeString(digits)
	if err != nil {
		return ErrMalformedSignature
	}
	if !hmac.Equal(got, mac(secret, body)) {
		return ErrInvalidSignature
	}
	return nil
}

// VerifyRequest reads r's body, at most maxBytes of it (DefaultMaxBodyBytes
// when maxBytes <= 0), and verifies its X-Hub-Signature header with secret.
// On success it returns the raw body, ready for [Parse]. Errors match
// ErrEmptySecret, ErrMissingSignature, ErrMalformedSignature (also when the
// header is repeated), ErrBodyTooLarge or ErrInvalidSignature; a failure to
// read the body is returned wrapped. It is meant for programs that use their
// own router instead of [Handler]. The caller still owns r.Body and closes it
// as usual (an http.Server does this itself).
func VerifyRequest(r *http.Request, secret []byte, maxBytes int64) ([]byte, error) {
	if len(secret) == 0 {
		return nil, ErrEmptySecret
	}
	sig, err := signatureFrom(r.Header)
	if err != nil {
		return nil, err
	}
	body, err := readBody(r.Body, maxBytes)
	if err != nil {
		return nil, err
	}
	if err := Verify(secret, body, sig); err != nil {
		return nil, err
	}
	return body, nil
}

// signatureFrom returns the single signature header value.
func signatureFrom(h http.Header) (string, error) {
	values := h.Values(SignatureHeader)
	switch len(values) {
	case 0:
		return "", ErrMissingSignature
	case 1:
		if strings.TrimSpace(values[0]) == "" {
			return "", ErrMissingSignature
		}
		return values[0], nil
	default:
		return "", ErrMalformedSignature
	}
}

// readBody reads at most limit bytes of body, failing with ErrBodyTooLarge if
// there are more.
func readBody(body io.Reader, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultMaxBodyBytes
	}
	if body == nil {
		return []byte{}, nil
	}
	b, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, ErrBodyTooLarge
		}
		return nil, fmt.Errorf("webhook: reading request body: %w", err)
	}
	if int64(len(b)) > limit {
		return nil, ErrBodyTooLarge
	}
	return b, nil
}

func mac(secret, body []byte) []byte {
	m := hmac.New(sha1.New, secret)
	m.Write(body) // hash.Hash.Write never returns an error
	return m.Sum(nil)
}
