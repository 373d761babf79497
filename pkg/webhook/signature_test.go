package webhook_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/intercomkit/intercom-go/pkg/webhook"
)

// Known answers computed outside Go, with OpenSSL 3.0. pingBody is exactly
// the bytes between the quotes of the printf:
//
//	printf '%s' '<pingBody>' | openssl dgst -sha1 -hmac 'test-client-secret'
//	printf '%s' 'The quick brown fox jumps over the lazy dog' | openssl dgst -sha1 -hmac 'key'
//	printf '%s' '' | openssl dgst -sha1 -hmac 'test-client-secret'
const (
	testSecret = "test-client-secret"
	pingBody   = `{"type":"notification_event","id":"notif_ccd8a4d0","topic":"ping","app_id":"abc123","created_at":1700000000,"delivery_attempts":1,"first_sent_at":1700000000,"data":{"type":"notification_event_data","item":{"type":"ping","message":"something something interzen"}}}`
	pingSig    = "sha1=de4504dd396cacd9ddd711e158d7fcf075462140"
)

var knownAnswers = []struct {
	secret, body, header string
}{
	{testSecret, pingBody, pingSig},
	{"key", "The quick brown fox jumps over the lazy dog", "sha1=de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9"},
	{testSecret, "", "sha1=c3b0d8d1eff1b0378d5c52a1c04922eb464765a3"},
}

func TestSignKnownAnswers(t *testing.T) {
	for _, tc := range knownAnswers {
		if got := webhook.Sign([]byte(tc.secret), []byte(tc.body)); got != tc.header {
			t.Errorf("Sign(body %.20q...) = %s, want %s", tc.body, got, tc.header)
		}
		if err := webhook.Verify([]byte(tc.secret), []byte(tc.body), tc.header); err != nil {
			t.Errorf("Verify(known answer for %.20q...) = %v, want nil", tc.body, err)
		}
	}
}

func TestVerify(t *testing.T) {
	secret := []byte(testSecret)
	body := []byte(pingBody)
	hexDigits := strings.TrimPrefix(pingSig, "sha1=")
	flipped := []byte(pingSig)
	flipped[len(flipped)-1] = '1' // last digit '0' -> '1'

	tests := []struct {
		name   string
		secret []byte
		body   []byte
		header string
		want   error
	}{
		{"valid", secret, body, pingSig, nil},
		{"upper-case hex", secret, body, "sha1=" + strings.ToUpper(hexDigits), nil},
		{"upper-case algorithm", secret, body, "SHA1=" + hexDigits, nil},
		{"surrounding spaces", secret, body, "  " + pingSig + " ", nil},
		{"empty header", secret, body, "", webhook.ErrMissingSignature},
		{"blank header", secret, body, "   ", webhook.ErrMissingSignature},
		{"no prefix", secret, body, hexDigits, webhook.ErrMalformedSignature},
		{"sha256 prefix", secret, body, "sha256=" + hexDigits, webhook.ErrMalformedSignature},
		{"prefix only", secret, body, "sha1=", webhook.ErrMalformedSignature},
		{"short digest", secret, body, pingSig[:len(pingSig)-2], webhook.ErrMalformedSignature},
		{"long digest", secret, body, pingSig + "00", webhook.ErrMalformedSignature},
		{"not hex", secret, body, "sha1=" + strings.Repeat("g", 40), webhook.ErrMalformedSignature},
		{"inner space", secret, body, "sha1= " + hexDigits[1:], webhook.ErrMalformedSignature},
		{"one digit changed", secret, body, string(flipped), webhook.ErrInvalidSignature},
		{"other secret", []byte("another-secret"), body, pingSig, webhook.ErrInvalidSignature},
		{"body altered", secret, append([]byte(pingBody), ' '), pingSig, webhook.ErrInvalidSignature},
		{"empty secret", nil, body, pingSig, webhook.ErrEmptySecret},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := webhook.Verify(tc.secret, tc.body, tc.header)
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

func TestSignatureErrorsAreDistinct(t *testing.T) {
	all := []error{webhook.ErrEmptySecret, webhook.ErrMissingSignature, webhook.ErrMalformedSignature,
		webhook.ErrInvalidSignature, webhook.ErrBodyTooLarge, webhook.ErrMalformedNotification}
	for i, a := range all {
		for j, b := range all {
			if i != j && errors.Is(a, b) {
				t.Errorf("errors.Is(%v, %v) = true, want distinct errors", a, b)
			}
		}
		if strings.Contains(a.Error(), testSecret) {
			t.Errorf("error %q contains the secret", a)
		}
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

func TestVerifyRequest(t *testing.T) {
	secret := []byte(testSecret)
	newReq := func(body io.Reader, sigs ...string) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/webhooks", body)
		for _, s := range sigs {
			r.Header.Add(webhook.SignatureHeader, s)
		}
		return r
	}
	t.Run("valid", func(t *testing.T) {
		got, err := webhook.VerifyRequest(newReq(strings.NewReader(pingBody), pingSig), secret, 0)
		if err != nil {
			t.Fatalf("VerifyRequest = %v", err)
		}
		if string(got) != pingBody {
			t.Fatalf("body = %q, want the request body", got)
		}
	})
	t.Run("body exactly at the limit", func(t *testing.T) {
		_, err := webhook.VerifyRequest(newReq(strings.NewReader(pingBody), pingSig), secret, int64(len(pingBody)))
		if err != nil {
			t.Fatalf("VerifyRequest = %v, want nil", err)
		}
	})
	tests := []struct {
		name  string
		req   *http.Request
		limit int64
		want  error
	}{
		{"missing header", newReq(strings.NewReader(pingBody)), 0, webhook.ErrMissingSignature},
		{"empty header", newReq(strings.NewReader(pingBody), ""), 0, webhook.ErrMissingSignature},
		{"repeated header", newReq(strings.NewReader(pingBody), pingSig, pingSig), 0, webhook.ErrMalformedSignature},
		{"malformed header", newReq(strings.NewReader(pingBody), "md5=abc"), 0, webhook.ErrMalformedSignature},
		{"wrong signature", newReq(strings.NewReader(pingBody), "sha1="+strings.Repeat("0", 40)), 0, webhook.ErrInvalidSignature},
		{"one byte over the limit", newReq(strings.NewReader(pingBody), pingSig), int64(len(pingBody) - 1), webhook.ErrBodyTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body, err := webhook.VerifyRequest(tc.req, secret, tc.limit)
			if !errors.Is(err, tc.want) {
				t.Fatalf("VerifyRequest = %v, want %v", err, tc.want)
			}
			if body != nil {
				t.Fatalf("body = %q, want nil on error", body)
			}
		})
	}
	t.Run("read error", func(t *testing.T) {
		_, err := webhook.VerifyRequest(newReq(failingReader{}, pingSig), secret, 0)
		if err == nil || !strings.Contains(err.Error(), "connection reset") {
			t.Fatalf("VerifyRequest = %v, want the wrapped read error", err)
		}
		for _, sentinel := range []error{webhook.ErrInvalidSignature, webhook.ErrBodyTooLarge, webhook.ErrMissingSignature} {
			if errors.Is(err, sentinel) {
				t.Fatalf("read error matched %v", sentinel)
			}
		}
	})
	t.Run("empty secret", func(t *testing.T) {
		if _, err := webhook.VerifyRequest(newReq(strings.NewReader(pingBody), pingSig), nil, 0); !errors.Is(err, webhook.ErrEmptySecret) {
			t.Fatalf("VerifyRequest = %v, want ErrEmptySecret", err)
		}
	})
}

func FuzzVerify(f *testing.F) {
	for _, tc := range knownAnswers {
		f.Add([]byte(tc.secret), []byte(tc.body), tc.header)
	}
	f.Add([]byte(testSecret), []byte(pingBody), "sha1=")
	f.Add([]byte(testSecret), []byte("{}"), "SHA1=ZZ")
	f.Add([]byte{}, []byte{}, "")
	f.Fuzz(func(t *testing.T, secret, body []byte, header string) {
		err := webhook.Verify(secret, body, header)
		switch {
		case err == nil,
			errors.Is(err, webhook.ErrEmptySecret),
			errors.Is(err, webhook.ErrMissingSignature),
			errors.Is(err, webhook.ErrMalformedSignature),
			errors.Is(err, webhook.ErrInvalidSignature):
		default:
			t.Fatalf("Verify returned an undocumented error: %v", err)
		}
		if len(secret) == 0 {
			if !errors.Is(err, webhook.ErrEmptySecret) {
				t.Fatalf("empty secret: Verify = %v", err)
			}
			return
		}
		good := webhook.Sign(secret, body)
		if verr := webhook.Verify(secret, body, good); verr != nil {
			t.Fatalf("Verify(Sign(...)) = %v", verr)
		}
		// Accepting a header means it encodes exactly the right digest.
		if err == nil && !strings.EqualFold(strings.TrimSpace(header), good) {
			t.Fatalf("Verify accepted %q, but the signature is %q", header, good)
		}
	})
}
