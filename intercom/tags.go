package intercom

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/intercomkit/intercom-go/gen"
)

// Create creates a tag named body.Name, or renames the tag body.Id to
// body.Name (POST /tags). When a tag of that name exists, Intercom returns it
// instead of creating another; [TagsService.FindOrCreate] does the same
// without a write when the tag exists, and says whether it created one.
//
// POST /tags also tags and untags companies and contacts in bulk: see
// [TagsService.TagCompanies], [TagsService.UntagCompanies] and
// [TagsService.TagContacts]. To tag a single contact, conversation or ticket
// use the Tag methods of those services.
func (s *TagsService) Create(ctx context.Context, body CreateOrUpdateTagRequest, opts ...Option) (*TagResult, error) {
	if body.Name == "" {
		return nil, errors.New("intercom: the tag name is empty")
	}
	return s.post(ctx, opts, func(b *gen.CreateTagRequest) error { return b.FromCreateOrUpdateTagRequest(body) })
}

// TagCompanies tags the companies of body.Companies with the tag named
// body.Name, creating the tag if needed (POST /tags).
func (s *TagsService) TagCompanies(ctx context.Context, body TagCompanyRequest, opts ...Option) (*TagResult, error) {
	if body.Name == "" {
		return nil, errors.New("intercom: the tag name is empty")
	}
	if len(body.Companies) == 0 {
		return nil, errors.New("intercom: no companies to tag")
	}
	return s.post(ctx, opts, func(b *gen.CreateTagRequest) error { return b.FromTagCompanyRequest(body) })
}

// UntagCompanies removes the tag named body.Name from the companies of
// body.Companies (POST /tags). Every company is sent with "untag": true, so
// the caller does not have to set Untag (body is not modified).
func (s *TagsService) UntagCompanies(ctx context.Context, body UntagCompanyRequest, opts ...Option) (*TagResult, error) {
	if body.Name == "" {
		return nil, errors.New("intercom: the tag name is empty")
	}
	if len(body.Companies) == 0 {
		return nil, errors.New("intercom: no companies to untag")
	}
	body.Companies = slices.Clone(body.Companies)
	for i := range body.Companies {
		body.Companies[i].Untag = Ptr(true)
	}
	return s.post(ctx, opts, func(b *gen.CreateTagRequest) error { return b.FromUntagCompanyRequest(body) })
}

// TagContacts tags the contacts of body.Users (by their Intercom id) with the
// tag named body.Name, creating the tag if needed (POST /tags).
func (s *TagsService) TagContacts(ctx context.Context, body TagMultipleUsersRequest, opts ...Option) (*TagResult, error) {
	if body.Name == "" {
		return nil, errors.New("intercom: the tag name is empty")
	}
	if len(body.Users) == 0 {
		return nil, errors.New("intercom: no contacts to tag")
	}
	return s.post(ctx, opts, func(b *gen.CreateTagRequest) error { return b.FromTagMultipleUsersRequest(body) })
}

// post sends POST /tags ([TagsService.Manage]) with the union body that from
// fills in.
func (s *TagsService) post(ctx context.Context, opts []Option, from func(*gen.CreateTagRequest) error) (*TagResult, error) {
	var body gen.CreateTagRequest
	if err := from(&body); err != nil {
		return nil, fmt.Errorf("intercom: encoding the tag request: %w", err)
	}
	return s.Manage(ctx, body, opts...)
}
