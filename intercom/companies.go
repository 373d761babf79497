package intercom

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"slices"

	"github.com/intercomkit/intercom-go/gen"
)

// CreateOrUpdate creates a company, or updates the company with the same
// body.CompanyId, your own id of the company (POST /companies). A company
// appears in the Intercom UI only once a contact is attached to it (see
// [ContactsService.AttachCompany]).
func (s *CompaniesService) CreateOrUpdate(ctx context.Context, body gen.CreateOrUpdateCompanyRequest, opts ...Option) (*gen.Company, error) {
	return doJSON[gen.Company](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.CreateOrUpdateCompany(ctx, body)
	})
}

// Get fetches a company by its Intercom id (GET /companies/{company_id}).
// To find a company by your own company_id or by name, use
// [CompaniesService.List] with params.CompanyId or params.Name.
func (s *CompaniesService) Get(ctx context.Context, companyID string, opts ...Option) (*gen.Company, error) {
	if err := requireID("company id", companyID); err != nil {
		return nil, err
	}
	return doJSON[gen.Company](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.RetrieveACompanyById(ctx, companyID)
	})
}

// Update updates a company (PUT /companies/{company_id}); companyID is the
// Intercom id.
func (s *CompaniesService) Update(ctx context.Context, companyID string, body gen.UpdateCompanyRequest, opts ...Option) (*gen.Company, error) {
	if err := requireID("company id", companyID); err != nil {
		return nil, err
	}
	return doJSON[gen.Company](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.UpdateCompany(ctx, companyID, body)
	})
}

// Delete deletes a company (DELETE /companies/{company_id}); companyID is
// the Intercom id.
func (s *CompaniesService) Delete(ctx context.Context, companyID string, opts ...Option) (*gen.DeletedCompanyObject, error) {
	if err := requireID("company id", companyID); err != nil {
		return nil, err
	}
	return doJSON[gen.DeletedCompanyObject](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.DeleteCompany(ctx, companyID)
	})
}

// List fetches one page of companies, filtered by params.Name,
// params.CompanyId, params.TagId or params.SegmentId (GET /companies).
// params may be nil; params.Page and params.PerPage choose the page.
func (s *CompaniesService) List(ctx context.Context, params *gen.ListCompaniesParams, opts ...Option) (*gen.CompanyList, error) {
	return doJSON[gen.CompanyList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListCompanies(ctx, params)
	})
}

// ListAll iterates over every company matching params, page by page
// (GET /companies with page numbers), starting at params.Page (default the
// first). params may be nil; it is copied and not modified. An error is
// yielded once and ends the iteration.
func (s *CompaniesService) ListAll(ctx context.Context, params *gen.ListCompaniesParams, opts ...Option) iter.Seq2[gen.Company, error] {
	return paginate(ctx, fetchPages(s.c, nil, opts,
		pageCall(params, func(q *gen.ListCompaniesParams, page *int) { q.Page = page },
			func(ctx context.Context, q *gen.ListCompaniesParams) (*http.Response, error) {
				return s.c.gen.ListCompanies(ctx, q)
			}),
		func(l *gen.CompanyList) ([]gen.Company, string) { return items(l.Data), pageNext(l.Pages) }))
}

// ListOrdered fetches one page of all companies, sorted by params.Order
// ("asc" or "desc", default "desc") (POST /companies/list, with paging in the
// query). params may be nil. Intercom caps this listing at 10,000 companies:
// use [CompaniesService.ScrollAll] to go through more.
func (s *CompaniesService) ListOrdered(ctx context.Context, params *gen.ListAllCompaniesParams, opts ...Option) (*gen.CompanyList, error) {
	return doJSON[gen.CompanyList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListAllCompanies(ctx, params)
	})
}

// ListOrderedAll iterates over all companies in params.Order, page by page
// (POST /companies/list with page numbers), starting at params.Page (default
// the first). params may be nil; it is copied and not modified. An error is
// yielded once and ends the iteration.
func (s *CompaniesService) ListOrderedAll(ctx context.Context, params *gen.ListAllCompaniesParams, opts ...Option) iter.Seq2[gen.Company, error] {
	return paginate(ctx, fetchPages(s.c, nil, opts,
		pageCall(params, func(q *gen.ListAllCompaniesParams, page *int) { q.Page = page },
			func(ctx context.Context, q *gen.ListAllCompaniesParams) (*http.Response, error) {
				return s.c.gen.ListAllCompanies(ctx, q)
			}),
		func(l *gen.CompanyList) ([]gen.Company, string) { return items(l.Data), pageNext(l.Pages) }))
}

// Scroll fetches one page of a scroll over all companies
// (GET /companies/scroll): an empty scrollParam opens a scroll, and the
// returned ScrollParam fetches the next page; a page without companies ends
// it. Only one scroll per workspace can be open at a time, and it expires a
// minute after its last use. Most callers want [CompaniesService.ScrollAll].
//
// Scroll requests are retried only after a 429, which is waited out as for
// any call, or a failure before the request reached the server. A 500
// answer to a request with a scrollParam means the scroll failed or expired: the error then wraps
// [ErrScrollExpired] (and the [*Error]), and the scroll must be restarted
// with an empty scrollParam.
func (s *CompaniesService) Scroll(ctx context.Context, scrollParam string, opts ...Option) (*gen.CompanyScroll, error) {
	var p gen.ScrollOverAllCompaniesParams
	if scrollParam != "" {
		p.ScrollParam = &scrollParam
	}
	callOpts := append(slices.Clip(opts), withRetryRateLimitedOnly())
	r, err := doJSON[gen.CompanyScroll](ctx, s.c, nil, callOpts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ScrollOverAllCompanies(ctx, &p)
	})
	if err != nil && scrollParam != "" && hasStatus(err, http.StatusInternalServerError) {
		return nil, fmt.Errorf("%w: %w", ErrScrollExpired, err)
	}
	return r, err
}

// ScrollAll iterates over every company of the workspace with a scroll
// (GET /companies/scroll), without the 10,000 limit of the other listings.
//
// Intercom's scroll rules apply: only one scroll per workspace may be open
// at a time, and a scroll expires a minute after its last request, so keep
// consuming the iterator. Requests of a scroll are retried only after a 429
// (waited out as usual) or a failure before the request reached the server.
// When the scroll fails or expires after the first page (Intercom answers 500), the
// iteration ends with an error wrapping [ErrScrollExpired]: a scroll cannot
// be resumed, range over ScrollAll again to restart from the beginning.
// Other errors are yielded once and end the iteration as usual.
func (s *CompaniesService) ScrollAll(ctx context.Context, opts ...Option) iter.Seq2[gen.Company, error] {
	return paginateScroll(ctx, opts, scrollFetch(s.c, nil,
		func(ctx context.Context, param string) (*http.Response, error) {
			var p gen.ScrollOverAllCompaniesParams
			if param != "" {
				p.ScrollParam = &param
			}
			return s.c.gen.ScrollOverAllCompanies(ctx, &p)
		},
		func(r *gen.CompanyScroll) ([]gen.Company, string) { return items(r.Data), valueOr(r.ScrollParam) }))
}

// ListContacts fetches one page of the contacts attached to a company
// (GET /companies/{company_id}/contacts). params may be nil.
func (s *CompaniesService) ListContacts(ctx context.Context, companyID string, params *gen.ListAttachedContactsParams, opts ...Option) (*gen.CompanyAttachedContacts, error) {
	if err := requireID("company id", companyID); err != nil {
		return nil, err
	}
	return doJSON[gen.CompanyAttachedContacts](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListAttachedContacts(ctx, companyID, params)
	})
}

// ListContactsAll iterates over every contact attached to a company, page
// by page (GET /companies/{company_id}/contacts with page numbers), starting
// at params.Page (default the first). params may be nil; it is copied and not
// modified. An error is yielded once and ends the iteration.
func (s *CompaniesService) ListContactsAll(ctx context.Context, companyID string, params *gen.ListAttachedContactsParams, opts ...Option) iter.Seq2[gen.Contact, error] {
	if err := requireID("company id", companyID); err != nil {
		return errSeq[gen.Contact](err)
	}
	return paginate(ctx, fetchPages(s.c, nil, opts,
		pageCall(params, func(q *gen.ListAttachedContactsParams, page *int) { q.Page = page },
			func(ctx context.Context, q *gen.ListAttachedContactsParams) (*http.Response, error) {
				return s.c.gen.ListAttachedContacts(ctx, companyID, q)
			}),
		func(l *gen.CompanyAttachedContacts) ([]gen.Contact, string) { return items(l.Data), pageNext(l.Pages) }))
}

// ListSegments lists the segments a company belongs to
// (GET /companies/{company_id}/segments).
func (s *CompaniesService) ListSegments(ctx context.Context, companyID string, opts ...Option) (*gen.CompanyAttachedSegments, error) {
	if err := requireID("company id", companyID); err != nil {
		return nil, err
	}
	return doJSON[gen.CompanyAttachedSegments](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListAttachedSegmentsForCompanies(ctx, companyID)
	})
}
