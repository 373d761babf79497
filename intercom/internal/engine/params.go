package engine

import (
	"errors"
	"fmt"
	"slices"
)

// WithParams gives the optional query parameters of a call to a service
// method that takes them as an option rather than an argument: the methods of
// operations that gained their first query parameters in a later API version
// (Contacts.Get, Contacts.Search, Conversations.Delete, ... since 2.16), so
// that moving the SDK to a new API version does not change their signature.
// Each such method's doc comment names its parameters type, e.g.
//
//	c.Contacts.Get(ctx, id, intercom.WithParams(&gen.ShowContactParams{IncludeMergeHistory: intercom.Ptr(true)}))
//
// Giving WithParams to a method that takes no parameters this way, or with
// parameters of another operation, makes the call fail before anything is
// sent. It is a call option: NewClient refuses it.
func WithParams[P any](p *P) Option {
	return func(cfg *config) error {
		if cfg.scope != scopeCall {
			return errors.New("intercom: WithParams gives the parameters of one call; pass it to a service method, not to NewClient")
		}
		if p == nil {
			return errors.New("intercom: WithParams(nil)")
		}
		cfg.params = p
		return nil
	}
}

// paramsOption returns the parameters given with WithParams among opts (nil
// when there are none), refusing parameters of another type than P.
func ParamsOption[P any](opts []Option) (*P, error) {
	return paramsAs[P](paramsOf(opts))
}

// paramsOf returns the parameters given with WithParams among opts, as
// given, or nil.
func paramsOf(opts []Option) any {
	if len(opts) == 0 {
		return nil // the common case: no configuration to probe
	}
	probe := config{scope: scopeCall}
	for _, o := range opts {
		if o != nil {
			_ = o(&probe) // errors are reported when the call applies its options
		}
	}
	return probe.params
}

// paramsAs converts what paramsOf returned to *P (nil for nil), refusing
// parameters of another type.
func paramsAs[P any](params any) (*P, error) {
	if params == nil {
		return nil, nil
	}
	p, ok := params.(*P)
	if !ok {
		return nil, fmt.Errorf("intercom: WithParams(%T) given to a call whose parameters are *%T", params, *new(P))
	}
	return p, nil
}

// errParamsInContext is the error of a call whose context carries WithParams
// (see [ContextWithOptions]).
var errParamsInContext = errors.New("intercom: WithParams cannot be given through ContextWithOptions: pass it to the service method as an option")

// refuseParamsInContext returns opts with every WithParams option replaced
// by one that fails the call: a service method reads its parameters from its
// own options only, so parameters in a context would be dropped silently.
// opts itself is not modified.
func refuseParamsInContext(opts []Option) []Option {
	var out []Option
	for i, o := range opts {
		if o == nil {
			continue
		}
		probe := config{scope: scopeCall}
		if o(&probe) != nil || probe.params == nil {
			continue
		}
		if out == nil {
			out = slices.Clone(opts)
		}
		out[i] = func(*config) error { return errParamsInContext }
	}
	if out == nil {
		return opts
	}
	return out
}
