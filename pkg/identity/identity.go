package identity

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
)

// Errors returned by [UserHash] and [Verify]. Test for them with errors.Is.
var (
	// ErrEmptySecret means the identity-verification secret is empty. An empty
	// key would produce hashes anyone can compute, so it is refused.
	ErrEmptySecret = errors.New("identity: empty identity-verification secret")
	// ErrEmptyIdentifier means the user_id (or email) to hash is empty.
	ErrEmptyIdentifier = errors.New("identity: empty user identifier")
	// ErrMalformedHash means the hash given to Verify is not 64 hexadecimal digits.
	ErrMalformedHash = errors.New("identity: malformed user hash (want 64 hex digits)")
	// ErrMismatch means the hash is well formed but does not belong to the
	// identifier under this secret.
	ErrMismatch = errors.New("identity: user hash does not match")
)

// hashLen is the length of a hex-encoded SHA-256 HMAC.
const hashLen = 2 * sha256.Size

// UserHash returns the user_hash Intercom expects for identifier: the
// lower-case hex HMAC-SHA256 of identifier keyed with secret. identifier is the
// user's user_id, or their email address when they have no user_id; it is used
// byte for byte, so pass exactly the value you send to the Messenger.
func UserHash(secret []byte, identifier string) (string, error) {
	if len(secret) == 0 {
		return "", ErrEmptySecret
	}
	if identifier == "" {
		return "", ErrEmptyIdentifier
	}
	return hex.EncodeToString(sum(secret, identifier)), nil
}

// Verify reports whether userHash is the user_hash of identifier under secret.
// It returns nil on a match, and otherwise an error matching ErrEmptySecret,
// ErrEmptyIdentifier, ErrMalformedHash or ErrMismatch. Upper- and lower-case
// hex are both accepted. The comparison of the hash bytes takes constant time.
func Verify(secret []byte, identifier, userHash string) error {
	if len(secret) == 0 {
		return ErrEmptySecret
	}
	if identifier == "" {
		return ErrEmptyIdentifier
	}
	if len(userHash) != hashLen {
		return ErrMalformedHash
	}
	got, err := hex.DecodeString(userHash)
	if err != nil {
		return ErrMalformedHash
	}
	if !hmac.Equal(got, sum(secret, identifier)) {
		return ErrMismatch
	}
	return nil
}

func sum(secret []byte, identifier string) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(identifier)) // hash.Hash.Write never returns an error
	return m.Sum(nil)
}
