package identity_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/intercomkit/intercom-go/pkg/identity"
)

// Known answers computed outside Go, with OpenSSL 3.0:
//
//	printf '%s' 'user_12345' | openssl dgst -sha256 -hmac 'test-identity-secret'
//	printf '%s' 'jane@example.com' | openssl dgst -sha256 -hmac 'test-identity-secret'
//	printf '%s' 'The quick brown fox jumps over the lazy dog' | openssl dgst -sha256 -hmac 'key'
var knownAnswers = []struct {
	secret, identifier, want string
}{
	{"test-identity-secret", "user_12345", "a5296c1da2770f17e6ab9258aa15cedf13541071b84f51ee862ed54ae8602090"},
	{"test-identity-secret", "jane@example.com", "6059aceda5928f44b1809bc0bb989a36a97c4835c213b625e105cd11edaa1d1f"},
	{"key", "The quick brown fox jumps over the lazy dog", "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"},
}

func TestUserHashKnownAnswers(t *testing.T) {
	for _, tc := range knownAnswers {
		got, err := identity.UserHash([]byte(tc.secret), tc.identifier)
		if err != nil {
			t.Fatalf("UserHash(%q): %v", tc.identifier, err)
		}
		if got != tc.want {
			t.Errorf("UserHash(%q) = %s, want %s", tc.identifier, got, tc.want)
		}
		if err := identity.Verify([]byte(tc.secret), tc.identifier, tc.want); err != nil {
			t.Errorf("Verify(%q, known answer) = %v, want nil", tc.identifier, err)
		}
		if err := identity.Verify([]byte(tc.secret), tc.identifier, strings.ToUpper(tc.want)); err != nil {
			t.Errorf("Verify(%q, upper-case known answer) = %v, want nil", tc.identifier, err)
		}
	}
}

func TestUserHashBadInput(t *testing.T) {
	if _, err := identity.UserHash(nil, "user_1"); !errors.Is(err, identity.ErrEmptySecret) {
		t.Errorf("empty secret: err = %v, want ErrEmptySecret", err)
	}
	if _, err := identity.UserHash([]byte("s"), ""); !errors.Is(err, identity.ErrEmptyIdentifier) {
		t.Errorf("empty identifier: err = %v, want ErrEmptyIdentifier", err)
	}
}

func TestVerify(t *testing.T) {
	secret := []byte("test-identity-secret")
	good := knownAnswers[0].want // hash of "user_12345" under secret
	flipped := []byte(good)
	flipped[len(flipped)-1] ^= 0x01 // '0' -> '1': still hex, different value

	tests := []struct {
		name       string
		secret     []byte
		identifier string
		hash       string
		want       error
	}{
		{"match", secret, "user_12345", good, nil},
		{"other identifier", secret, "user_12346", good, identity.ErrMismatch},
		{"other secret", []byte("another-secret"), "user_12345", good, identity.ErrMismatch},
		{"one digit changed", secret, "user_12345", string(flipped), identity.ErrMismatch},
		{"empty hash", secret, "user_12345", "", identity.ErrMalformedHash},
		{"too short", secret, "user_12345", good[:62], identity.ErrMalformedHash},
		{"too long", secret, "user_12345", good + "00", identity.ErrMalformedHash},
		{"not hex", secret, "user_12345", "zz" + good[2:], identity.ErrMalformedHash},
		{"surrounding space", secret, "user_12345", " " + good[1:], identity.ErrMalformedHash},
		{"empty secret", nil, "user_12345", good, identity.ErrEmptySecret},
		{"empty identifier", secret, "", good, identity.ErrEmptyIdentifier},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := identity.Verify(tc.secret, tc.identifier, tc.hash)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("Verify = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("Verify = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestErrorsDoNotRevealSecret(t *testing.T) {
	secret := "super-secret-identity-key"
	_, err1 := identity.UserHash([]byte(secret), "")
	err2 := identity.Verify([]byte(secret), "user_1", strings.Repeat("0", 64))
	err3 := identity.Verify([]byte(secret), "user_1", "nothex")
	for _, err := range []error{err1, err2, err3} {
		if err == nil {
			t.Fatal("expected an error")
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error %q contains the secret", err)
		}
	}
}

func FuzzVerify(f *testing.F) {
	for _, tc := range knownAnswers {
		f.Add([]byte(tc.secret), tc.identifier, tc.want)
	}
	f.Add([]byte("k"), "user", "")
	f.Add([]byte(""), "", "00")
	f.Fuzz(func(t *testing.T, secret []byte, identifier, hash string) {
		err := identity.Verify(secret, identifier, hash)
		if err != nil && !isDocumented(err) {
			t.Fatalf("Verify returned an undocumented error: %v", err)
		}
		sum, herr := identity.UserHash(secret, identifier)
		if herr != nil {
			if err == nil {
				t.Fatalf("Verify accepted what UserHash refuses: %v", herr)
			}
			return
		}
		if len(sum) != 64 || strings.ToLower(sum) != sum {
			t.Fatalf("UserHash = %q, want 64 lower-case hex digits", sum)
		}
		if verr := identity.Verify(secret, identifier, sum); verr != nil {
			t.Fatalf("Verify(UserHash(...)) = %v", verr)
		}
		if (err == nil) != strings.EqualFold(hash, sum) {
			t.Fatalf("Verify(%q) = %v but UserHash = %q", hash, err, sum)
		}
	})
}

func isDocumented(err error) bool {
	for _, sentinel := range []error{identity.ErrEmptySecret, identity.ErrEmptyIdentifier, identity.ErrMalformedHash, identity.ErrMismatch} {
		if errors.Is(err, sentinel) {
			return true
		}
	}
	return false
}
