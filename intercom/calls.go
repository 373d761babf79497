package intercom

import (
	"context"
	"fmt"
	"iter"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// Each method below decodes into the type of its generated JSON200 field.
var (
	_ = func(r *gen.ListCallsWithTranscriptsResponse) *gen.CallWithTranscriptList { return r.JSON200 }
)

// List returns one page of the workspace's calls (GET /calls). Set
// params.Page for a later page, or use [CallsService.ListAll].
func (s *CallsService) List(ctx context.Context, params *gen.ListCallsParams, opts ...Option) (*gen.CallList, error) {
	return doJSON[gen.CallList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListCalls(ctx, params)
	})
}

// ListAll iterates over every call (GET /calls), page number by page number.
// params (may be nil) sets per_page and the first page; it is copied and
// never modified. The iteration ends with (zero, err) at the first failure.
func (s *CallsService) ListAll(ctx context.Context, params *gen.ListCallsParams, opts ...Option) iter.Seq2[gen.Call, error] {
	return paginate(ctx, fetchPages(s.c, nil, opts,
		pageCall(params, func(q *gen.ListCallsParams, page *int) { q.Page = page },
			func(ctx context.Context, q *gen.ListCallsParams) (*http.Response, error) {
				return s.c.gen.ListCalls(ctx, q)
			}),
		func(l *gen.CallList) ([]gen.Call, string) { return items(l.Data), pageNext(l.Pages) }))
}

// Get fetches a call (GET /calls/{call_id}).
func (s *CallsService) Get(ctx context.Context, callID string, opts ...Option) (*gen.Call, error) {
	if err := requireID("call id", callID); err != nil {
		return nil, err
	}
	return doJSON[gen.Call](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ShowCall(ctx, callID)
	})
}

// Recording downloads the recording of a call
// (GET /calls/{call_id}/recording), streamed: read it from the [Download]
// and Close it. The API answers with a redirect to a signed URL, which the
// client follows without the Authorization header when it is on another
// origin (see [ErrRedirectRefused]). With an http.Client that does not
// follow redirects, the error is an [*Error] with status 302. The request is
// sent with Accept: */*, since the file's type is whatever the recording is.
func (s *CallsService) Recording(ctx context.Context, callID string, opts ...Option) (*Download, error) {
	if err := requireID("call id", callID); err != nil {
		return nil, err
	}
	return doDownload(ctx, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ShowCallRecording(ctx, callID, acceptHeader("*/*"))
	})
}

// Transcript downloads the transcript of a call as a text file, streamed
// (GET /calls/{call_id}/transcript, sent with
// Accept: text/plain, application/json since errors are JSON). Close the
// [Download] when done.
func (s *CallsService) Transcript(ctx context.Context, callID string, opts ...Option) (*Download, error) {
	if err := requireID("call id", callID); err != nil {
		return nil, err
	}
	return doDownload(ctx, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ShowCallTranscript(ctx, callID, acceptHeader("text/plain, application/json"))
	})
}

// ListWithTranscripts fetches the calls of the given conversations with
// their transcripts (POST /calls/search). The API accepts 1 to 20
// conversation ids; an empty list or an empty id is refused without a
// request.
func (s *CallsService) ListWithTranscripts(ctx context.Context, conversationIDs []string, opts ...Option) (*gen.CallWithTranscriptList, error) {
	if len(conversationIDs) == 0 {
		return nil, fmt.Errorf("intercom: no conversation ids: %w", ErrInvalidID)
	}
	for _, id := range conversationIDs {
		if err := requireID("conversation id", id); err != nil {
			return nil, err
		}
	}
	body := gen.ListCallsWithTranscriptsJSONRequestBody{ConversationIds: conversationIDs}
	return doJSON[gen.CallWithTranscriptList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListCallsWithTranscripts(ctx, body)
	})
}

// RegisterFinVoiceCall registers a Fin Voice call from an external
// telephony source (AWS Connect by default, Five9, Zoom Phone): it links the
// external call id to an Intercom call and conversation
// (POST /fin_voice/register).
func (s *CallsService) RegisterFinVoiceCall(ctx context.Context, body gen.RegisterFinVoiceCallRequest, opts ...Option) (*gen.AiCallResponse, error) {
	return doJSON[gen.AiCallResponse](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.RegisterFinVoiceCall(ctx, body)
	})
}

// CollectFinVoiceCall fetches a Fin Voice call by the id of its external
// reference, as returned by [CallsService.RegisterFinVoiceCall]; it must be
// positive (GET /fin_voice/collect/{id}).
func (s *CallsService) CollectFinVoiceCall(ctx context.Context, id int, opts ...Option) (*gen.AiCallResponse, error) {
	if id <= 0 {
		return nil, fmt.Errorf("intercom: Fin Voice call id %d is not positive: %w", id, ErrInvalidID)
	}
	return doJSON[gen.AiCallResponse](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.CollectFinVoiceCallById(ctx, id)
	})
}

// CollectFinVoiceCallByExternalID fetches a Fin Voice call by the id your
// telephony provider gave it (GET /fin_voice/external_id/{external_id}).
func (s *CallsService) CollectFinVoiceCallByExternalID(ctx context.Context, externalID string, opts ...Option) (*gen.AiCallResponse, error) {
	if err := requireID("external id", externalID); err != nil {
		return nil, err
	}
	return doJSON[gen.AiCallResponse](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.CollectFinVoiceCallByExternalId(ctx, externalID)
	})
}

// CollectFinVoiceCallByPhoneNumber fetches the most recent matched Fin Voice
// call from a phone number in E.164 format, such as "+15551234567"
// (GET /fin_voice/phone_number/{phone_number}). The API description declares
// no success body for this operation; the reply is decoded as the same
// ai_call_response its sibling operations return.
func (s *CallsService) CollectFinVoiceCallByPhoneNumber(ctx context.Context, phoneNumber string, opts ...Option) (*gen.AiCallResponse, error) {
	if err := requireID("phone number", phoneNumber); err != nil {
		return nil, err
	}
	return doJSON[gen.AiCallResponse](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.CollectFinVoiceCallByPhoneNumber(ctx, phoneNumber)
	})
}

// CollectFinVoiceCallsByConversation fetches every Fin Voice call of a
// conversation (GET /fin_voice/conversation/{conversation_id}).
func (s *CallsService) CollectFinVoiceCallsByConversation(ctx context.Context, conversationID string, opts ...Option) ([]gen.AiCallResponse, error) {
	if err := requireID("conversation id", conversationID); err != nil {
		return nil, err
	}
	calls, err := doJSON[[]gen.AiCallResponse](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.CollectFinVoiceCallsByConversationId(ctx, conversationID)
	})
	if err != nil {
		return nil, err
	}
	return *calls, nil
}
