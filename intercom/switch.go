package intercom

import (
	"context"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// Create moves a phone call to Messenger: Intercom texts the caller at
// body.Phone a link to continue the conversation (POST /phone_call_redirects).
func (s *SwitchService) Create(ctx context.Context, body gen.CreatePhoneSwitchRequest, opts ...Option) (*gen.PhoneSwitch, error) {
	return doJSON[gen.PhoneSwitch](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.CreatePhoneSwitch(ctx, body)
	})
}
