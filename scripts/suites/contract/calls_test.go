package contract

import (
	"context"
	"errors"
	"io"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom"
)

// call is one entry of the table: a small closure that calls one operation through the
// SDK with valid parameters and returns the SDK's verdict (nil when the call succeeded
// and the response decoded).
//
// Most entries are typed (op): checked by the compiler, so they may only name facade
// methods and gen types that every supported API version has. An operation that only
// some versions have gets a dynOp entry instead, resolved by reflection when it runs and
// skipped on a version without the operation (dyn_test.go).
type call struct {
	name string   // unique; the operation id unless one operation has several entries
	op   string   // operation id in the description (gen.Operations)
	dyn  *dynCall // set by dynOp; nil for a typed entry
	fn   func(ctx context.Context, c *intercom.Client) error
}

// op makes the usual entry: one call for one operation, named after it.
func op(id string, fn func(ctx context.Context, c *intercom.Client) error) call {
	return call{name: id, op: id, fn: fn}
}

// errNoResult is the verdict on a service method that returned neither a model nor an
// error.
var errNoResult = errors.New("the SDK returned neither a result nor an error")

// got is the verdict of a service method returning a model: its error, or an error
// when it returned no model.
func got[T any](v *T, err error) error {
	if err != nil {
		return err
	}
	if v == nil {
		return errNoResult
	}
	if c, ok := any(v).(io.Closer); ok { // a streamed download
		return c.Close()
	}
	return nil
}

// Identifiers used in paths. Prism only checks their type (string or integer).
const (
	adminID          = "991267459"
	contactID        = "6762f0dd1bb69f9f2193bb83"
	companyID        = "6762f09a1bb69f9f2193bb34"
	conversationID   = "1234"
	ticketID         = "64619700005694"
	tagID            = "7522907"
	articleID        = "3"
	collectionID     = "6"
	helpCenterID     = "1"
	internalArticID  = "5"
	newsItemID       = "29"
	newsfeedID       = "53"
	noteID           = "34"
	segmentID        = "6762f0d81bb69f9f2193bb80"
	teamID           = "814865"
	ticketTypeID     = "88"
	dataAttributeID  = "1"
	jobID            = "zzr7u2b4o0bp5bn0"
	appID            = "this_is_an_id64_that_should_be_at_least_4"
	callID           = "64619700005694"
	sourceID         = "33"
	externalPageID   = "4"
	customObjectType = "Order"
	customObjectID   = "1"
	subscriptionID   = "106"

	// Operations added in API 2.16 (the ids of their upstream examples); their entries
	// are dynOp entries.
	articleVersionID    = "301"
	audienceID          = "123"
	contentSnippetID    = "123"
	conversationAttrID  = "8"
	attrOptionID        = "a1b2c3d4-e5f6-7890-abcd-ef1234567890"
	dataConnectorID     = "12345"
	redirectID          = "26"
	macroID             = "123"
	scheduleID          = "123"
	scheduleExceptionID = "456"
)

// searchQuery is a valid body of the three search operations.
const searchQuery = `{"query": {"operator": "AND", "value": [{"field": "created_at", "operator": ">", "value": "1306054154"}]}, "pagination": {"per_page": 5}}`

// handCalls is the hand-written part of the table the suite runs, grouped like the SDK's
// services: the operations whose calls need values a person chooses (a body, params, a
// body field as an argument). calls adds an entry derived from the operations table for
// every other operation (derived_test.go). Every entry calls a
// service method of package intercom (an operation no service wraps would go through
// c.Raw(), the generated client on the same HTTP layer, and be judged with check). An
// operation whose facade method and types exist identically in every supported API
// version has a typed op entry; one that only some versions have has a dynOp entry.
var handCalls = []call{
	// Admins
	op("SetAwayAdmin", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"away_mode_enabled": true, "away_mode_reassign": true, "away_status_reason_id": 12345}`,
			func(b gen.SetAwayAdminJSONRequestBody) error { return got(c.Admins.SetAway(ctx, adminID, b)) })
	}),
	op("ListActivityLogs", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Admins.ListActivityLogs(ctx, &gen.ListActivityLogsParams{
			CreatedAtAfter: "1677253093", CreatedAtBefore: ptr("1677861493"),
		}))
	}),
	dynOp("SearchActivityLogs", "Admins.SearchActivityLogs",
		jsonArg(`{"created_at_after": 1677253093, "created_at_before": 1677861493, "event_types": ["app_name_change", "message_state_change"]}`)),
	op("ListAdmins", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Admins.List(ctx, &gen.ListAdminsParams{DisplayAvatar: ptr(true)}))
	}),

	// AI content
	op("ListContentImportSources", func(ctx context.Context, c *intercom.Client) error {
		return got(c.AIContent.ListContentImportSources(ctx, &gen.ListContentImportSourcesParams{}))
	}),
	op("CreateContentImportSource", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"sync_behavior": "api", "url": "https://www.example.com"}`,
			func(b gen.CreateContentImportSourceRequest) error {
				return got(c.AIContent.CreateContentImportSource(ctx, b))
			})
	}),
	op("DeleteContentImportSource", func(ctx context.Context, c *intercom.Client) error {
		return c.AIContent.DeleteContentImportSource(ctx, sourceID)
	}),
	op("UpdateContentImportSource", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"sync_behavior": "api", "url": "https://www.example.com"}`,
			func(b gen.UpdateContentImportSourceRequest) error {
				return got(c.AIContent.UpdateContentImportSource(ctx, sourceID, b))
			})
	}),
	op("ListExternalPages", func(ctx context.Context, c *intercom.Client) error {
		return got(c.AIContent.ListExternalPages(ctx, &gen.ListExternalPagesParams{}))
	}),
	op("CreateExternalPage", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"external_id": "abc1234", "html": "<html><body><h1>Test</h1></body></html>", "locale": "en", "source_id": 44, "title": "Test", "url": "https://www.example.com"}`,
			func(b gen.CreateExternalPageRequest) error { return got(c.AIContent.CreateExternalPage(ctx, b)) })
	}),
	op("UpdateExternalPage", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"external_id": "5678", "html": "<html><body><h1>Test</h1></body></html>", "locale": "en", "source_id": 47, "title": "Test", "url": "https://www.example.com"}`,
			func(b gen.UpdateExternalPageRequest) error {
				return got(c.AIContent.UpdateExternalPage(ctx, externalPageID, b))
			})
	}),

	// Articles
	op("ListArticles", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Articles.List(ctx, &gen.ListArticlesParams{}))
	}),
	op("CreateArticle", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"title": "Thanks for everything", "description": "Description of the Article", "body": "Body of the Article", "author_id": 991267497, "state": "published", "parent_id": 145, "parent_type": "collection", "translated_content": {"fr": {"title": "Merci pour tout", "description": "Description de l'article", "body": "Corps de l'article", "author_id": 991267497, "state": "published"}}}`,
			func(b gen.CreateArticleRequest) error { return got(c.Articles.Create(ctx, b)) })
	}),
	op("UpdateArticle", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"title": "Christmas is here!", "body": "<p>New gifts in store for the jolly season</p>"}`,
			func(b gen.UpdateArticleRequest) error { return got(c.Articles.Update(ctx, articleID, b)) })
	}),
	op("SearchArticles", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Articles.Search(ctx, &gen.SearchArticlesParams{
			Phrase: ptr("Getting started"), State: ptr("published"), HelpCenterId: ptr(1), Highlight: ptr(true),
		}))
	}),
	dynOp("AttachTagToArticle", "Articles.Tag", articleID, jsonArg(`{"id": "7522907"}`)),
	dynOp("ListArticleVersions", "Articles.ListVersions", articleID, jsonArg(`{"page": 1, "per_page": 25, "locale": "en"}`)),
	dynOp("RetrieveArticleVersion", "Articles.GetVersion", articleID, articleVersionID, jsonArg(`{"locale": "en"}`)),
	dynOp("StageArticleDraft", "Articles.StageDraft", articleID,
		jsonArg(`{"title": "Christmas is here!", "body": "<p>New gifts in store for the jolly season</p>"}`)),
	dynOp("PublishArticleDraft", "Articles.PublishDraft", articleID, jsonArg(`{"locales": ["en", "fr"]}`)),

	// Audiences
	dynOp("ListAudiences", "Audiences.List", jsonArg(`{"page": 1, "per_page": 50}`)),
	dynOp("CreateAudience", "Audiences.Create",
		jsonArg(`{"name": "VIP Customers", "predicates": [{"attribute": "company.name", "type": "string", "comparison": "contains", "value": "Acme"}], "role_predicates": [{"attribute": "role", "type": "role", "comparison": "eq", "value": "user"}]}`)),
	dynOp("UpdateAudience", "Audiences.Update", audienceID,
		jsonArg(`{"name": "Enterprise Accounts", "predicates": [{"attribute": "custom_attributes.plan", "type": "string", "comparison": "eq", "value": "enterprise"}]}`)),

	// Brands, emails

	// Calls and Fin Voice
	op("ListCalls", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Calls.List(ctx, &gen.ListCallsParams{Page: ptr(1), PerPage: ptr(25)}))
	}),
	op("ListCallsWithTranscripts", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Calls.ListWithTranscripts(ctx, []string{"64619700005694", "64619700005695"}))
	}),
	op("RegisterFinVoiceCall", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"phone_number": "+1234567890", "call_id": "call-123-abc", "source": "aws_connect", "data": {"key": "value"}}`,
			func(b gen.RegisterFinVoiceCallRequest) error { return got(c.Calls.RegisterFinVoiceCall(ctx, b)) })
	}),
	op("CollectFinVoiceCallsByConversationId", func(ctx context.Context, c *intercom.Client) error {
		_, err := c.Calls.CollectFinVoiceCallsByConversation(ctx, "123")
		return err
	}),

	// Companies
	op("CreateOrUpdateCompany", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"company_id": "company_remote_id", "name": "my company", "remote_created_at": 1374138000}`,
			func(b gen.CreateOrUpdateCompanyRequest) error { return got(c.Companies.CreateOrUpdate(ctx, b)) })
	}),
	op("ListCompanies", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Companies.List(ctx, &gen.ListCompaniesParams{Name: ptr("my company"), Page: ptr(1), PerPage: ptr(15)}))
	}),
	op("UpdateCompany", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"name": "my company", "website": "http://www.mycompany.com/"}`,
			func(b gen.UpdateCompanyRequest) error { return got(c.Companies.Update(ctx, companyID, b)) })
	}),
	op("ListAttachedContacts", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Companies.ListContacts(ctx, companyID, &gen.ListAttachedContactsParams{}))
	}),
	op("ListCompanyNotes", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Notes.ListForCompany(ctx, companyID, &gen.ListCompanyNotesParams{}))
	}),
	dynOp("CreateCompanyNote", "Notes.CreateForCompany", companyID, jsonArg(`{"body": "Hello", "admin_id": "991267583"}`)),
	op("ListAllCompanies", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Companies.ListOrdered(ctx, &gen.ListAllCompaniesParams{Page: ptr(1), PerPage: ptr(15), Order: ptr("desc")}))
	}),

	// Contacts
	op("AttachContactToACompany", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Contacts.AttachCompany(ctx, contactID, companyID))
	}),
	op("ListCompaniesForAContact", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Contacts.ListCompanies(ctx, contactID, &gen.ListCompaniesForAContactParams{}))
	}),
	op("ListNotes", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Contacts.ListNotes(ctx, contactID, &gen.ListNotesParams{}))
	}),
	op("CreateNote", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Contacts.AddNote(ctx, contactID, adminID, "Hello"))
	}),
	op("AttachSubscriptionTypeToContact", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Contacts.Subscribe(ctx, contactID, subscriptionID, "opt_in"))
	}),
	op("AttachTagToContact", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Contacts.Tag(ctx, contactID, tagID))
	}),
	op("UpdateContact", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"email": "joebloggs@intercom.io", "name": "joe bloggs"}`,
			func(b gen.UpdateContactRequest) error { return got(c.Contacts.Update(ctx, contactID, b)) })
	}),
	op("MergeContact", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Contacts.Merge(ctx, "6762f0d51bb69f9f2193bb7f", "6762f0d51bb69f9f2193bb80"))
	}),
	op("SearchContacts", func(ctx context.Context, c *intercom.Client) error {
		return send(searchQuery, func(b gen.SearchRequest) error {
			cb := intercom.ContactSearchRequest{}
			raw, err := b.Query.MarshalJSON()
			if err != nil {
				return err
			}
			if err := cb.Query.UnmarshalJSON(raw); err != nil {
				return err
			}
			cb.Pagination = b.Pagination
			return got(c.Contacts.Search(ctx, cb))
		})
	}),
	op("ListContacts", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Contacts.List(ctx, &gen.ListContactsParams{}))
	}),
	op("CreateContact", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"email": "joebloggs@intercom.io"}`,
			func(b gen.CreateContactRequest) error { return got(c.Contacts.Create(ctx, b)) })
	}),
	dynOp("ListContactMergeHistory", "Contacts.ListMergeHistory", "63a07ddf05a32042dffac965",
		jsonArg(`{"per_page": 50, "order": "desc"}`)),

	// Content library and content snippets
	dynOp("SearchContent", "Content.Search",
		jsonArg(`{"query": "billing", "page": 1, "per_page": 10, "states": ["published", "draft"], "locales": ["en", "fr"], "content_types": ["article", "snippet"]}`)),
	dynOp("BulkContentActions", "Content.BulkActions",
		jsonArg(`{"action": "publish", "content_ids": [{"type": "article_content", "id": "12345678"}, {"type": "article_content", "id": "12345679"}]}`)),
	dynOp("ListContentSnippets", "ContentSnippets.List", jsonArg(`{"page": 1, "per_page": 20}`)),
	dynOp("CreateContentSnippet", "ContentSnippets.Create",
		jsonArg(`{"title": "How to reset your password", "json_blocks": [{"type": "paragraph", "text": "Navigate to Settings > Security > Reset password."}], "locale": "en", "audience_ids": [1, 2]}`)),
	dynOp("UpdateContentSnippet", "ContentSnippets.Update", contentSnippetID,
		jsonArg(`{"title": "How to reset your password (updated)", "json_blocks": [{"type": "paragraph", "text": "Go to Settings > Security > Reset password and follow the steps."}], "audience_ids": [1, 2]}`)),
	dynOp("AttachTagToContentSnippet", "ContentSnippets.Tag", contentSnippetID, jsonArg(`{"id": "7522907"}`)),

	// Conversations
	op("AttachTagToConversation", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Conversations.Tag(ctx, conversationID, tagID, adminID))
	}),
	op("DetachTagFromConversation", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Conversations.Untag(ctx, conversationID, tagID, adminID))
	}),
	op("ListConversations", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Conversations.List(ctx, &gen.ListConversationsParams{PerPage: ptr(20)}))
	}),
	op("CreateConversation", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"from": {"type": "user", "id": "6762f11b1bb69f9f2193bba3"}, "body": "Hello there"}`,
			func(b gen.CreateConversationRequest) error { return got(c.Conversations.Create(ctx, b)) })
	}),
	op("RetrieveConversation", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Conversations.Get(ctx, conversationID, &gen.RetrieveConversationParams{DisplayAs: ptr("plaintext")}))
	}),
	op("UpdateConversation", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"read": true, "title": "new conversation title", "custom_attributes": {"issue_type": "Billing", "priority": "High"}}`,
			func(b gen.UpdateConversationRequest) error {
				return got(c.Conversations.Update(ctx, conversationID, &gen.UpdateConversationParams{DisplayAs: ptr("plaintext")}, b))
			})
	}),
	op("SearchConversations", func(ctx context.Context, c *intercom.Client) error {
		return send(searchQuery, func(b gen.SearchRequest) error { return got(c.Conversations.Search(ctx, b)) })
	}),
	op("ReplyConversation", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Conversations.ReplyAsContact(ctx, conversationID, "6762f1571bb69f9f2193bbbb", "Thanks again :)"))
	}),
	op("ManageConversation", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Conversations.Close(ctx, conversationID, adminID, "Goodbye :)"))
	}),
	op("AttachContactToConversation", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Conversations.AttachContact(ctx, conversationID, "6762f19b1bb69f9f2193bbd4", adminID))
	}),
	op("DetachContactFromConversation", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Conversations.DetachContact(ctx, conversationID, contactID, adminID))
	}),
	op("RedactConversation", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Conversations.RedactPart(ctx, "608", "149"))
	}),
	op("ConvertConversationToTicket", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"ticket_type_id": "53"}`,
			func(b gen.ConvertConversationToTicketRequest) error {
				return got(c.Conversations.Convert(ctx, conversationID, b))
			})
	}),
	dynOp("ListDeletedConversationIds", "Conversations.ListDeleted", jsonArg(`{"page": 1, "per_page": 20, "order": "desc"}`)),
	dynOp("MergeConversation", "Conversations.Merge", conversationID, jsonArg(`{"merge_into_conversation_id": 456}`)),
	dynOp("ListSideConversations", "Conversations.ListSideConversations", conversationID, jsonArg(`{"page": 1, "per_page": 25}`)),

	// Conversation attributes
	dynOp("ListConversationAttributes", "ConversationAttributes.List", jsonArg(`{"include_archived": false}`)),
	dynOp("CreateConversationAttribute", "ConversationAttributes.Create",
		jsonArg(`{"name": "api_test_attr", "data_type": "string", "description": "Created via API test"}`)),
	dynOp("UpdateConversationAttribute", "ConversationAttributes.Update", conversationAttrID,
		jsonArg(`{"name": "api_test_renamed", "description": "Updated via API"}`)),
	dynOp("CreateConversationAttributeOption", "ConversationAttributes.CreateOption", conversationAttrID, jsonArg(`{"label": "High"}`)),
	dynOp("UpdateConversationAttributeOption", "ConversationAttributes.UpdateOption", conversationAttrID, attrOptionID,
		jsonArg(`{"label": "Renamed"}`)),

	// Custom object instances
	op("CreateCustomObjectInstances", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"external_id": "123", "external_created_at": 1392036272, "external_updated_at": 1392036272, "custom_attributes": {"order_number": "ORDER-12345", "total_amount": "99.99"}}`,
			func(b gen.CreateOrUpdateCustomObjectInstanceRequest) error {
				return got(c.CustomObjectInstances.Create(ctx, customObjectType, b))
			})
	}),
	op("DeleteCustomObjectInstancesById", func(ctx context.Context, c *intercom.Client) error {
		// Upstream's names are swapped: this one deletes by external_id (query).
		return got(c.CustomObjectInstances.DeleteByExternalID(ctx, customObjectType, "123"))
	}),
	// API 2.15 only (2.16 dropped it).
	dynOp("GetCustomObjectInstancesByExternalId", "CustomObjectInstances.GetByExternalID", customObjectType, "123"),
	dynOp("ListCustomObjectInstances", "CustomObjectInstances.List", customObjectType,
		jsonArg(`{"references_contact_id": "`+contactID+`", "page": 1, "per_page": 50}`)),

	// Data connectors
	dynOp("ListDataConnectors", "DataConnectors.List", jsonArg(`{"per_page": 20}`)),
	dynOp("CreateDataConnector", "DataConnectors.Create",
		jsonArg(`{"name": "Get Order Status", "description": "Looks up order status from an external service", "http_method": "get", "url": "https://api.example.com/orders/{{order_id}}/status", "direct_fin_usage": true, "audiences": ["leads", "visitors"], "headers": [{"name": "Content-Type", "value": "application/json"}], "data_inputs": [{"name": "order_id", "type": "string", "description": "The order ID to look up", "required": true, "default_value": ""}], "customer_authentication": true, "bypass_authentication": false, "validate_missing_attributes": true}`)),
	dynOp("RetrieveDataConnector", "DataConnectors.Get", dataConnectorID, jsonArg(`{"state_version": "live"}`)),
	dynOp("UpdateDataConnector", "DataConnectors.Update", dataConnectorID,
		jsonArg(`{"name": "Updated Connector Name", "description": "Updated description"}`)),
	dynOp("ListDataConnectorExecutionResults", "DataConnectors.ListExecutionResults", dataConnectorID,
		jsonArg(`{"per_page": 10, "success": "false", "start_ts": 1734519776, "end_ts": 1734537776}`)),

	// Data attributes, events, exports, jobs
	op("ListDataAttributes", func(ctx context.Context, c *intercom.Client) error {
		model := gen.ListDataAttributesParamsModelContact
		return got(c.DataAttributes.List(ctx, &gen.ListDataAttributesParams{Model: &model, IncludeArchived: ptr(true)}))
	}),
	op("CreateDataAttribute", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"name": "Mithril Shirt", "model": "company", "data_type": "string"}`,
			func(b gen.CreateDataAttributeRequest) error { return got(c.DataAttributes.Create(ctx, b)) })
	}),
	op("UpdateDataAttribute", func(ctx context.Context, c *intercom.Client) error {
		// Not the upstream example: with `options` a body matches both branches of the
		// schema's oneOf ("list attribute" and the unconstrained "other type"), so no
		// request with options can be valid.
		return send(`{"description": "Just a plain old ring", "archived": false}`,
			func(b gen.UpdateDataAttributeRequest) error {
				return got(c.DataAttributes.Update(ctx, dataAttributeID, b))
			})
	}),
	op("CreateDataEvent", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"event_name": "invited-friend", "created_at": 1671028894, "user_id": "314159", "metadata": {"invite_code": "ADDAFRIEND"}}`,
			func(b gen.CreateDataEventRequest) error { return c.DataEvents.Create(ctx, b) })
	}),
	op("ListDataEvents", func(ctx context.Context, c *intercom.Client) error {
		return got(c.DataEvents.List(ctx, &gen.ListDataEventsParams{Type: "user", UserId: ptr("314159"), Summary: ptr(false)}))
	}),
	op("DataEventSummaries", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"user_id": "314159", "event_summaries": {"event_name": "invited-friend", "count": 1, "first": 1671028894, "last": 1671028894}}`,
			func(b gen.CreateDataEventSummariesRequest) error { return c.DataEvents.Summaries(ctx, b) })
	}),
	op("CreateDataExport", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"created_at_after": 1734519776, "created_at_before": 1734537776}`,
			func(b gen.CreateDataExportsRequest) error { return got(c.DataExport.Create(ctx, b)) })
	}),

	// Reporting data export (no operationId upstream; ids from the overlay)
	op("EnqueueReportingDataExport", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"dataset_id": "conversation", "attribute_ids": ["conversation_id", "conversation_started_at"], "start_time": 1717490000, "end_time": 1717510000}`,
			func(b gen.EnqueueReportingDataExportJSONRequestBody) error {
				return got(c.ReportingDataExport.Enqueue(ctx, b))
			})
	}),
	op("GetReportingDataExport", func(ctx context.Context, c *intercom.Client) error {
		return got(c.ReportingDataExport.Get(ctx, jobID, appID, "123"))
	}),
	op("DownloadReportingDataExport", func(ctx context.Context, c *intercom.Client) error {
		return got(c.ReportingDataExport.Download(ctx, jobID, appID))
	}),

	// Fin agent
	op("StartFinConversation", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"conversation_id": "ext-123", "message": {"author": "user", "body": "How can I see my account details?", "timestamp": "2025-01-24T10:01:20Z"}, "user": {"id": "123456", "name": "John Doe", "email": "john.doe@example.com"}}`,
			func(b gen.StartFinConversationJSONRequestBody) error { return got(c.Fin.Start(ctx, b)) })
	}),
	op("ReplyToFin", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"conversation_id": "123456", "message": {"author": "user", "body": "Here's the information you requested.", "timestamp": "2025-01-24T09:01:00Z"}, "user": {"id": "123456", "name": "John Doe", "email": "john.doe@example.com"}}`,
			func(b gen.ReplyToFinJSONRequestBody) error { return got(c.Fin.Reply(ctx, b)) })
	}),
	op("SubmitFinCsat", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"conversation_id": "ext-123", "rating": "amazing", "remark": "Fin solved my problem in seconds."}`,
			func(b gen.SubmitFinCsatJSONRequestBody) error { return got(c.Fin.SubmitCsat(ctx, b)) })
	}),

	// Help centers and collections
	op("ListAllCollections", func(ctx context.Context, c *intercom.Client) error {
		return got(c.HelpCenters.ListCollections(ctx, &gen.ListAllCollectionsParams{}))
	}),
	op("CreateCollection", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"name": "Thanks for everything"}`,
			func(b gen.CreateCollectionRequest) error { return got(c.HelpCenters.CreateCollection(ctx, b)) })
	}),
	op("UpdateCollection", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"name": "Update collection name"}`,
			func(b gen.UpdateCollectionRequest) error {
				return got(c.HelpCenters.UpdateCollection(ctx, collectionID, b))
			})
	}),
	dynOp("ListHelpCenterRedirects", "HelpCenters.ListRedirects", helpCenterID, jsonArg(`{"page": 1, "per_page": 50}`)),
	dynOp("CreateHelpCenterRedirect", "HelpCenters.CreateRedirect", helpCenterID,
		jsonArg(`{"from_url": "http://help-center.test/lovelyhelpcenter/old-page", "locale": "en", "target_type": "article", "target_id": "11"}`)),

	// Internal articles
	op("ListInternalArticles", func(ctx context.Context, c *intercom.Client) error {
		return got(c.InternalArticles.List(ctx, &gen.ListInternalArticlesParams{}))
	}),
	op("CreateInternalArticle", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"title": "Thanks for everything", "body": "Body of the Article", "owner_id": 991266252, "author_id": 991266252}`,
			func(b gen.CreateInternalArticleRequest) error { return got(c.InternalArticles.Create(ctx, b)) })
	}),
	op("UpdateInternalArticle", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"title": "Christmas is here!", "body": "<p>New gifts in store for the jolly season</p>"}`,
			func(b gen.UpdateInternalArticleRequest) error {
				return got(c.InternalArticles.Update(ctx, internalArticID, b))
			})
	}),
	op("SearchInternalArticles", func(ctx context.Context, c *intercom.Client) error {
		return got(c.InternalArticles.Search(ctx, &gen.SearchInternalArticlesParams{FolderId: ptr("123")}))
	}),
	dynOp("AttachTagToInternalArticle", "InternalArticles.Tag", internalArticID, jsonArg(`{"id": "7522907"}`)),

	// IP allowlist
	op("UpdateIpAllowlist", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"enabled": true, "ip_allowlist": ["192.168.1.0/24", "10.0.0.1"]}`,
			func(b gen.IpAllowlist) error { return got(c.IPAllowlist.Update(ctx, b)) })
	}),

	// Messages
	op("CreateMessage", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"message_type": "in_app", "from": {"type": "admin", "id": 991267816}, "to": {"type": "user", "id": "6762f2391bb69f9f2193bc19"}, "body": "heyy"}`,
			func(b gen.CreateMessageRequest) error { return got(c.Messages.Create(ctx, b)) })
	}),
	dynOp("GetWhatsAppMessageStatus", "Messages.ListWhatsAppStatuses", jsonArg(`{"ruleset_id": "12345", "per_page": 50}`)),
	dynOp("RetrieveWhatsAppMessageStatus", "Messages.GetWhatsAppStatus", jsonArg(`{"message_id": "wamid_abc123"}`)),

	// Macros
	dynOp("ListMacros", "Macros.List", jsonArg(`{"per_page": 50, "updated_since": 1719474966}`)),

	// News
	op("ListNewsItems", func(ctx context.Context, c *intercom.Client) error {
		return got(c.News.ListItems(ctx, &gen.ListNewsItemsParams{}))
	}),
	op("CreateNewsItem", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"title": "Halloween is here!", "body": "<p>New costumes in store for this spooky season</p>", "labels": ["Product", "Update", "New"], "sender_id": 991267834, "deliver_silently": true, "reactions": ["😆", "😅"], "state": "live", "newsfeed_assignments": [{"newsfeed_id": 53, "published_at": 1664638214}]}`,
			func(b gen.NewsItemRequest) error { return got(c.News.CreateItem(ctx, b)) })
	}),
	op("UpdateNewsItem", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"title": "Christmas is here!", "body": "<p>New gifts in store for the jolly season</p>", "sender_id": 991267845, "reactions": ["😝", "😂"]}`,
			func(b gen.NewsItemRequest) error { return got(c.News.UpdateItem(ctx, newsItemID, b)) })
	}),
	op("ListLiveNewsfeedItems", func(ctx context.Context, c *intercom.Client) error {
		return got(c.News.ListLiveItems(ctx, newsfeedID, &gen.ListLiveNewsfeedItemsParams{}))
	}),
	op("ListNewsfeeds", func(ctx context.Context, c *intercom.Client) error {
		return got(c.News.ListNewsfeeds(ctx, &gen.ListNewsfeedsParams{}))
	}),

	// Office hours
	dynOp("CreateOfficeHoursSchedule", "OfficeHours.CreateSchedule",
		jsonArg(`{"name": "Standard Support Hours", "time_zone_name": "America/New_York", "time_intervals": [{"start_minute": 540, "end_minute": 1020}]}`)),
	dynOp("UpdateOfficeHoursSchedule", "OfficeHours.UpdateSchedule", scheduleID,
		jsonArg(`{"name": "Extended Support Hours", "time_intervals": [{"start_minute": 480, "end_minute": 1080}]}`)),
	dynOp("CreateOfficeHoursException", "OfficeHours.CreateException", scheduleID,
		jsonArg(`{"exception_date": "2026-12-25", "exception_type": "closed", "name": "Christmas Day", "recurring_annually": true}`)),
	dynOp("UpdateOfficeHoursException", "OfficeHours.UpdateException", scheduleID, scheduleExceptionID,
		jsonArg(`{"exception_type": "custom_hours", "name": "Christmas Day (reduced hours)", "time_intervals": [{"start_minute": 540, "end_minute": 780}], "recurring_annually": true}`)),

	// Notes, segments, subscription types, Switch
	op("ListSegments", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Segments.List(ctx, &gen.ListSegmentsParams{IncludeCount: ptr(true)}))
	}),
	op("CreatePhoneSwitch", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"phone": "+353832345678", "custom_attributes": {"issue_type": "Billing", "priority": "High"}}`,
			func(b gen.CreatePhoneSwitchRequest) error { return got(c.Switch.Create(ctx, b)) })
	}),

	// Tags, teams
	op("CreateTag", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"name": "test"}`, func(b gen.CreateOrUpdateTagRequest) error { return got(c.Tags.Create(ctx, b)) })
	}),
	op("DeleteTag", func(ctx context.Context, c *intercom.Client) error {
		return c.Tags.Delete(ctx, tagID)
	}),
	dynOp("GetTeamMetrics", "Teams.GetMetrics", teamID, jsonArg(`{"idle_threshold": 1800}`)),

	// Ticket states and types
	op("CreateTicketType", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"name": "Customer Issue", "description": "Customer Report Template", "icon": "🎟️", "category": "Customer"}`,
			func(b gen.CreateTicketTypeRequest) error { return got(c.TicketTypes.Create(ctx, b)) })
	}),
	op("UpdateTicketType", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"name": "Bug Report 2"}`,
			func(b gen.UpdateTicketTypeRequest) error { return got(c.TicketTypes.Update(ctx, ticketTypeID, b)) })
	}),
	op("CreateTicketTypeAttribute", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"name": "Attribute Title", "description": "Attribute Description", "data_type": "string", "required_to_create": false}`,
			func(b gen.CreateTicketTypeAttributeRequest) error {
				return got(c.TicketTypes.CreateAttribute(ctx, ticketTypeID, b))
			})
	}),
	op("UpdateTicketTypeAttribute", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"description": "New Attribute Description"}`,
			func(b gen.UpdateTicketTypeAttributeRequest) error {
				return got(c.TicketTypes.UpdateAttribute(ctx, ticketTypeID, "1", b))
			})
	}),

	// Tickets
	op("CreateTicket", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"ticket_type_id": "88", "contacts": [{"id": "6762f2d81bb69f9f2193bc54"}], "ticket_attributes": {"_default_title_": "example", "_default_description_": "there is a problem"}}`,
			func(b gen.CreateTicketJSONRequestBody) error { return got(c.Tickets.Create(ctx, b)) })
	}),
	op("EnqueueCreateTicket", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"ticket_type_id": "88", "contacts": [{"id": "6762f2d81bb69f9f2193bc54"}], "ticket_attributes": {"_default_title_": "example", "_default_description_": "there is a problem"}}`,
			func(b gen.EnqueueCreateTicketJSONRequestBody) error { return got(c.Tickets.EnqueueCreate(ctx, b)) })
	}),
	op("UpdateTicket", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"ticket_attributes": {"_default_title_": "example", "_default_description_": "there is a problem"}, "admin_id": 991268011, "assignee_id": "991268013", "open": true, "snoozed_until": 1673609604, "ticket_state_id": "8498"}`,
			func(b gen.UpdateTicketJSONRequestBody) error { return got(c.Tickets.Update(ctx, ticketID, b)) })
	}),
	op("SearchTickets", func(ctx context.Context, c *intercom.Client) error {
		return send(searchQuery, func(b gen.SearchRequest) error { return got(c.Tickets.Search(ctx, b)) })
	}),
	op("ReplyTicket", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Tickets.ReplyAsContact(ctx, ticketID, "6762f2971bb69f9f2193bc49", "Thanks again :)"))
	}),
	op("AttachTagToTicket", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Tickets.Tag(ctx, ticketID, tagID, adminID))
	}),
	op("DetachTagFromTicket", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Tickets.Untag(ctx, ticketID, tagID, adminID))
	}),
	dynOp("ChangeTicketType", "Tickets.ChangeType", ticketID, jsonArg(`{"ticket_type_id": "1234", "ticket_state_id": "5678"}`)),
	dynOp("LinkConversationToTicket", "Tickets.LinkConversation", ticketID, jsonArg(`{"conversation_id": "204"}`)),

	// Visitors, workflows
	op("UpdateVisitor", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"id": "6762f30c1bb69f9f2193bc5e", "name": "Gareth Bale"}`,
			func(b gen.UpdateVisitorRequest) error { return got(c.Visitors.Update(ctx, b)) })
	}),
	op("RetrieveVisitorWithUserId", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Visitors.Get(ctx, "3ecf64d0-9ed1-4e9f-88e1-da7d6e6782f3"))
	}),
	op("ConvertVisitor", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"visitor": {"user_id": "3ecf64d0-9ed1-4e9f-88e1-da7d6e6782f3"}, "user": {"user_id": "8a88a590-e1c3-41e2-a502-e0649dbf721c", "email": "foo@bar.com"}, "type": "user"}`,
			func(b gen.ConvertVisitorRequest) error { return got(c.Visitors.Convert(ctx, b)) })
	}),
}
