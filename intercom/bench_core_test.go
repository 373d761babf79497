package intercom

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/intercomkit/intercom-go/gen"
)

// benchAdmin is a realistic /me body (about 1 KiB).
var benchAdmin = `{"type":"admin","id":"991267","name":"Ciaran Lee","email":"admin@email.com","job_title":"Philosopher",` +
	`"away_mode_enabled":false,"away_mode_reassign":false,"has_inbox_seat":true,"team_ids":[814865,814866,814867],` +
	`"avatar":{"type":"avatar","image_url":"https://static.intercomassets.com/assets/default-avatars/admins/128.png"},` +
	`"email_verified":true,"app":{"type":"app","id_code":"this_is_an_id147_that_should_be_at_least_",` +
	`"name":"MyApp 1","created_at":1719492696,"secure":false,"identity_verification":false,"timezone":"America/Los_Angeles",` +
	`"region":"US"},"intercom_notes":"` + strings.Repeat("x", 400) + `"}`

func benchServer(b *testing.B) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-RateLimit-Limit", "10000")
		w.Header().Set("X-RateLimit-Remaining", "9999")
		w.Header().Set("X-RateLimit-Reset", "1772366410")
		_, _ = io.WriteString(w, benchAdmin)
	}))
	b.Cleanup(srv.Close)
	return srv
}

// baselineGet is what a careful hand-written net/http + encoding/json call does.
func baselineGet(ctx context.Context, hc *http.Client, url, token string) (*gen.AdminWithApp, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Intercom-Version", APIVersion)
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	v := new(gen.AdminWithApp)
	return v, json.Unmarshal(b, v)
}

func benchCompare(b *testing.B, parallel bool) {
	srv := benchServer(b)
	run := func(b *testing.B, call func(ctx context.Context) error) {
		ctx := context.Background()
		b.ReportAllocs()
		if parallel {
			b.SetParallelism(max(1, 64/runtime.GOMAXPROCS(0)))
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := call(ctx); err != nil {
						b.Error(err)
						return
					}
				}
			})
			return
		}
		for b.Loop() {
			if err := call(ctx); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("baseline", func(b *testing.B) {
		hc := &http.Client{Transport: defaultTransport()}
		b.Cleanup(hc.CloseIdleConnections)
		run(b, func(ctx context.Context) error {
			_, err := baselineGet(ctx, hc, srv.URL+"/me", coreToken)
			return err
		})
	})
	b.Run("facade", func(b *testing.B) {
		c, err := NewClient(coreToken, WithBaseURL(srv.URL))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(c.CloseIdleConnections)
		run(b, func(ctx context.Context) error {
			_, err := doJSON[gen.AdminWithApp](ctx, c, nil, nil, adminReq(b, c), nil)
			return err
		})
	})
}

func BenchmarkFacadeVsBaseline(b *testing.B)         { benchCompare(b, false) }
func BenchmarkFacadeVsBaselineParallel(b *testing.B) { benchCompare(b, true) }

// BenchmarkOverheadInMemory isolates the SDK's own cost: the same call against
// an in-memory transport, so no network time hides it.
func BenchmarkOverheadInMemory(b *testing.B) {
	body := []byte(benchAdmin)
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{
			StatusCode:    200,
			Header:        http.Header{"Content-Type": {"application/json"}, "X-Ratelimit-Remaining": {"9999"}},
			Body:          io.NopCloser(strings.NewReader(benchAdmin)),
			ContentLength: int64(len(body)),
			Request:       r,
		}, nil
	})
	hc := &http.Client{Transport: rt}
	ctx := context.Background()
	b.Run("baseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := baselineGet(ctx, hc, "https://api.intercom.io/me", coreToken); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("facade", func(b *testing.B) {
		c, err := NewClient(coreToken, WithHTTPClient(hc))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := doJSON[gen.AdminWithApp](ctx, c, nil, nil, adminReq(b, c), nil); err != nil {
				b.Fatal(err)
			}
		}
	})
}
