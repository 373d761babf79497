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
// Most entries are tableOp entries (dyn_test.go): data only, the method taken from the
// pinned version's operations table and resolved by reflection when the entry runs. A
// typed entry (op) is checked by the compiler, so it may only name facade methods and gen
// types that every supported API version has; a dynOp entry names its method as a string,
// for an operation that only some versions have, and is skipped on a version without it.
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
// every other operation (derived_test.go). Every entry calls a service method of package
// intercom. Most are tableOp entries: only the data (path ids, the body or params as
// JSON), the method being the one the pinned version's operations table gives, so they
// follow a version by themselves. A typed op entry is left where the call is not the
// table's method (a hand-written convenience: ReplyAsContact, Close, Tags.Create, ...) or
// returns what a reflected call cannot judge (a slice); a dynOp entry names the method of
// an operation only some versions have.
var handCalls = []call{
	// Admins
	tableOp("SetAwayAdmin", adminID, jsonArg(`{"away_mode_enabled": true, "away_mode_reassign": true, "away_status_reason_id": 12345}`)),
	tableOp("ListActivityLogs", jsonArg(`{"created_at_after": "1677253093", "created_at_before": "1677861493"}`)),
	dynOp("SearchActivityLogs", "Admins.SearchActivityLogs",
		jsonArg(`{"created_at_after": 1677253093, "created_at_before": 1677861493, "event_types": ["app_name_change", "message_state_change"]}`)),
	tableOp("ListAdmins", jsonArg(`{"display_avatar": true}`)),

	// AI content
	tableOp("ListContentImportSources", jsonArg(`{}`)),
	tableOp("CreateContentImportSource", jsonArg(`{"sync_behavior": "api", "url": "https://www.example.com"}`)),
	tableOp("DeleteContentImportSource", sourceID),
	tableOp("UpdateContentImportSource", sourceID, jsonArg(`{"sync_behavior": "api", "url": "https://www.example.com"}`)),
	tableOp("ListExternalPages", jsonArg(`{}`)),
	tableOp("CreateExternalPage", jsonArg(`{"external_id": "abc1234", "html": "<html><body><h1>Test</h1></body></html>", "locale": "en", "source_id": 44, "title": "Test", "url": "https://www.example.com"}`)),
	tableOp("UpdateExternalPage", externalPageID, jsonArg(`{"external_id": "5678", "html": "<html><body><h1>Test</h1></body></html>", "locale": "en", "source_id": 47, "title": "Test", "url": "https://www.example.com"}`)),

	// Articles
	tableOp("ListArticles", jsonArg(`{}`)),
	tableOp("CreateArticle", jsonArg(`{"title": "Thanks for everything", "description": "Description of the Article", "body": "Body of the Article", "author_id": 991267497, "state": "published", "parent_id": 145, "parent_type": "collection", "translated_content": {"fr": {"title": "Merci pour tout", "description": "Description de l'article", "body": "Corps de l'article", "author_id": 991267497, "state": "published"}}}`)),
	tableOp("UpdateArticle", articleID, jsonArg(`{"title": "Christmas is here!", "body": "<p>New gifts in store for the jolly season</p>"}`)),
	tableOp("SearchArticles", jsonArg(`{"phrase": "Getting started", "state": "published", "help_center_id": 1, "highlight": true}`)),
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
	tableOp("ListCalls", jsonArg(`{"page": 1, "per_page": 25}`)),
	tableOp("ListCallsWithTranscripts", jsonArg(`["64619700005694", "64619700005695"]`)),
	tableOp("RegisterFinVoiceCall", jsonArg(`{"phone_number": "+1234567890", "call_id": "call-123-abc", "source": "aws_connect", "data": {"key": "value"}}`)),
	op("CollectFinVoiceCallsByConversationId", func(ctx context.Context, c *intercom.Client) error {
		_, err := c.Calls.CollectFinVoiceCallsByConversation(ctx, "123")
		return err
	}),

	// Companies
	tableOp("CreateOrUpdateCompany", jsonArg(`{"company_id": "company_remote_id", "name": "my company", "remote_created_at": 1374138000}`)),
	tableOp("ListCompanies", jsonArg(`{"name": "my company", "page": 1, "per_page": 15}`)),
	tableOp("UpdateCompany", companyID, jsonArg(`{"name": "my company", "website": "http://www.mycompany.com/"}`)),
	tableOp("ListAttachedContacts", companyID, jsonArg(`{}`)),
	tableOp("ListCompanyNotes", companyID, jsonArg(`{}`)),
	dynOp("CreateCompanyNote", "Notes.CreateForCompany", companyID, jsonArg(`{"body": "Hello", "admin_id": "991267583"}`)),
	tableOp("ListAllCompanies", jsonArg(`{"page": 1, "per_page": 15, "order": "desc"}`)),

	// Contacts
	tableOp("AttachContactToACompany", contactID, companyID),
	tableOp("ListCompaniesForAContact", contactID, jsonArg(`{}`)),
	tableOp("ListNotes", contactID, jsonArg(`{}`)),
	tableOp("CreateNote", contactID, adminID, "Hello"),
	tableOp("AttachSubscriptionTypeToContact", contactID, subscriptionID, "opt_in"),
	tableOp("AttachTagToContact", contactID, tagID),
	tableOp("UpdateContact", contactID, jsonArg(`{"email": "joebloggs@intercom.io", "name": "joe bloggs"}`)),
	tableOp("MergeContact", "6762f0d51bb69f9f2193bb7f", "6762f0d51bb69f9f2193bb80"),
	tableOp("SearchContacts", jsonArg(searchQuery)),
	tableOp("ListContacts", jsonArg(`{}`)),
	tableOp("CreateContact", jsonArg(`{"email": "joebloggs@intercom.io"}`)),
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
	tableOp("AttachTagToConversation", conversationID, tagID, adminID),
	tableOp("DetachTagFromConversation", conversationID, tagID, adminID),
	tableOp("ListConversations", jsonArg(`{"per_page": 20}`)),
	tableOp("CreateConversation", jsonArg(`{"from": {"type": "user", "id": "6762f11b1bb69f9f2193bba3"}, "body": "Hello there"}`)),
	tableOp("RetrieveConversation", conversationID, jsonArg(`{"display_as": "plaintext"}`)),
	tableOp("UpdateConversation", conversationID, jsonArg(`{"display_as": "plaintext"}`),
		jsonArg(`{"read": true, "title": "new conversation title", "custom_attributes": {"issue_type": "Billing", "priority": "High"}}`)),
	tableOp("SearchConversations", jsonArg(searchQuery)),
	op("ReplyConversation", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Conversations.ReplyAsContact(ctx, conversationID, "6762f1571bb69f9f2193bbbb", "Thanks again :)"))
	}),
	op("ManageConversation", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Conversations.Close(ctx, conversationID, adminID, "Goodbye :)"))
	}),
	op("AttachContactToConversation", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Conversations.AttachContact(ctx, conversationID, "6762f19b1bb69f9f2193bbd4", adminID))
	}),
	tableOp("DetachContactFromConversation", conversationID, contactID, adminID),
	op("RedactConversation", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Conversations.RedactPart(ctx, "608", "149"))
	}),
	tableOp("ConvertConversationToTicket", conversationID, jsonArg(`{"ticket_type_id": "53"}`)),
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
	tableOp("CreateCustomObjectInstances", customObjectType, jsonArg(`{"external_id": "123", "external_created_at": 1392036272, "external_updated_at": 1392036272, "custom_attributes": {"order_number": "ORDER-12345", "total_amount": "99.99"}}`)),
	// Upstream's names are swapped: this one deletes by external_id (query).
	tableOp("DeleteCustomObjectInstancesById", customObjectType, "123"),
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
	tableOp("ListDataAttributes", jsonArg(`{"model": "contact", "include_archived": true}`)),
	tableOp("CreateDataAttribute", jsonArg(`{"name": "Mithril Shirt", "model": "company", "data_type": "string"}`)),
	// Not the upstream example: with `options` a body matches both branches of the
	// schema's oneOf ("list attribute" and the unconstrained "other type"), so no
	// request with options can be valid.
	tableOp("UpdateDataAttribute", dataAttributeID, jsonArg(`{"description": "Just a plain old ring", "archived": false}`)),
	tableOp("CreateDataEvent", jsonArg(`{"event_name": "invited-friend", "created_at": 1671028894, "user_id": "314159", "metadata": {"invite_code": "ADDAFRIEND"}}`)),
	tableOp("ListDataEvents", jsonArg(`{"type": "user", "user_id": "314159", "summary": false}`)),
	tableOp("DataEventSummaries", jsonArg(`{"user_id": "314159", "event_summaries": {"event_name": "invited-friend", "count": 1, "first": 1671028894, "last": 1671028894}}`)),
	tableOp("CreateDataExport", jsonArg(`{"created_at_after": 1734519776, "created_at_before": 1734537776}`)),

	// Reporting data export (no operationId upstream; ids from the overlay)
	tableOp("EnqueueReportingDataExport", jsonArg(`{"dataset_id": "conversation", "attribute_ids": ["conversation_id", "conversation_started_at"], "start_time": 1717490000, "end_time": 1717510000}`)),
	tableOp("GetReportingDataExport", jobID, appID, "123"),
	tableOp("DownloadReportingDataExport", jobID, appID),

	// Fin agent
	tableOp("StartFinConversation", jsonArg(`{"conversation_id": "ext-123", "message": {"author": "user", "body": "How can I see my account details?", "timestamp": "2025-01-24T10:01:20Z"}, "user": {"id": "123456", "name": "John Doe", "email": "john.doe@example.com"}}`)),
	tableOp("ReplyToFin", jsonArg(`{"conversation_id": "123456", "message": {"author": "user", "body": "Here's the information you requested.", "timestamp": "2025-01-24T09:01:00Z"}, "user": {"id": "123456", "name": "John Doe", "email": "john.doe@example.com"}}`)),
	tableOp("SubmitFinCsat", jsonArg(`{"conversation_id": "ext-123", "rating": "amazing", "remark": "Fin solved my problem in seconds."}`)),

	// Help centers and collections
	tableOp("ListAllCollections", jsonArg(`{}`)),
	tableOp("CreateCollection", jsonArg(`{"name": "Thanks for everything"}`)),
	tableOp("UpdateCollection", collectionID, jsonArg(`{"name": "Update collection name"}`)),
	dynOp("ListHelpCenterRedirects", "HelpCenters.ListRedirects", helpCenterID, jsonArg(`{"page": 1, "per_page": 50}`)),
	dynOp("CreateHelpCenterRedirect", "HelpCenters.CreateRedirect", helpCenterID,
		jsonArg(`{"from_url": "http://help-center.test/lovelyhelpcenter/old-page", "locale": "en", "target_type": "article", "target_id": "11"}`)),

	// Internal articles
	tableOp("ListInternalArticles", jsonArg(`{}`)),
	tableOp("CreateInternalArticle", jsonArg(`{"title": "Thanks for everything", "body": "Body of the Article", "owner_id": 991266252, "author_id": 991266252}`)),
	tableOp("UpdateInternalArticle", internalArticID, jsonArg(`{"title": "Christmas is here!", "body": "<p>New gifts in store for the jolly season</p>"}`)),
	tableOp("SearchInternalArticles", jsonArg(`{"folder_id": "123"}`)),
	dynOp("AttachTagToInternalArticle", "InternalArticles.Tag", internalArticID, jsonArg(`{"id": "7522907"}`)),

	// IP allowlist
	tableOp("UpdateIpAllowlist", jsonArg(`{"enabled": true, "ip_allowlist": ["192.168.1.0/24", "10.0.0.1"]}`)),

	// Messages
	tableOp("CreateMessage", jsonArg(`{"message_type": "in_app", "from": {"type": "admin", "id": 991267816}, "to": {"type": "user", "id": "6762f2391bb69f9f2193bc19"}, "body": "heyy"}`)),
	dynOp("GetWhatsAppMessageStatus", "Messages.ListWhatsAppStatuses", jsonArg(`{"ruleset_id": "12345", "per_page": 50}`)),
	dynOp("RetrieveWhatsAppMessageStatus", "Messages.GetWhatsAppStatus", jsonArg(`{"message_id": "wamid_abc123"}`)),

	// Macros
	dynOp("ListMacros", "Macros.List", jsonArg(`{"per_page": 50, "updated_since": 1719474966}`)),

	// News
	tableOp("ListNewsItems", jsonArg(`{}`)),
	tableOp("CreateNewsItem", jsonArg(`{"title": "Halloween is here!", "body": "<p>New costumes in store for this spooky season</p>", "labels": ["Product", "Update", "New"], "sender_id": 991267834, "deliver_silently": true, "reactions": ["😆", "😅"], "state": "live", "newsfeed_assignments": [{"newsfeed_id": 53, "published_at": 1664638214}]}`)),
	tableOp("UpdateNewsItem", newsItemID, jsonArg(`{"title": "Christmas is here!", "body": "<p>New gifts in store for the jolly season</p>", "sender_id": 991267845, "reactions": ["😝", "😂"]}`)),
	tableOp("ListLiveNewsfeedItems", newsfeedID, jsonArg(`{}`)),
	tableOp("ListNewsfeeds", jsonArg(`{}`)),

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
	tableOp("ListSegments", jsonArg(`{"include_count": true}`)),
	tableOp("CreatePhoneSwitch", jsonArg(`{"phone": "+353832345678", "custom_attributes": {"issue_type": "Billing", "priority": "High"}}`)),

	// Tags, teams
	op("CreateTag", func(ctx context.Context, c *intercom.Client) error {
		return send(`{"name": "test"}`, func(b gen.CreateOrUpdateTagRequest) error { return got(c.Tags.Create(ctx, b)) })
	}),
	tableOp("DeleteTag", tagID),
	dynOp("GetTeamMetrics", "Teams.GetMetrics", teamID, jsonArg(`{"idle_threshold": 1800}`)),

	// Ticket states and types
	tableOp("CreateTicketType", jsonArg(`{"name": "Customer Issue", "description": "Customer Report Template", "icon": "🎟️", "category": "Customer"}`)),
	tableOp("UpdateTicketType", ticketTypeID, jsonArg(`{"name": "Bug Report 2"}`)),
	tableOp("CreateTicketTypeAttribute", ticketTypeID, jsonArg(`{"name": "Attribute Title", "description": "Attribute Description", "data_type": "string", "required_to_create": false}`)),
	tableOp("UpdateTicketTypeAttribute", ticketTypeID, "1", jsonArg(`{"description": "New Attribute Description"}`)),

	// Tickets
	tableOp("CreateTicket", jsonArg(`{"ticket_type_id": "88", "contacts": [{"id": "6762f2d81bb69f9f2193bc54"}], "ticket_attributes": {"_default_title_": "example", "_default_description_": "there is a problem"}}`)),
	tableOp("EnqueueCreateTicket", jsonArg(`{"ticket_type_id": "88", "contacts": [{"id": "6762f2d81bb69f9f2193bc54"}], "ticket_attributes": {"_default_title_": "example", "_default_description_": "there is a problem"}}`)),
	tableOp("UpdateTicket", ticketID, jsonArg(`{"ticket_attributes": {"_default_title_": "example", "_default_description_": "there is a problem"}, "admin_id": 991268011, "assignee_id": "991268013", "open": true, "snoozed_until": 1673609604, "ticket_state_id": "8498"}`)),
	tableOp("SearchTickets", jsonArg(searchQuery)),
	op("ReplyTicket", func(ctx context.Context, c *intercom.Client) error {
		return got(c.Tickets.ReplyAsContact(ctx, ticketID, "6762f2971bb69f9f2193bc49", "Thanks again :)"))
	}),
	tableOp("AttachTagToTicket", ticketID, tagID, adminID),
	tableOp("DetachTagFromTicket", ticketID, tagID, adminID),
	dynOp("ChangeTicketType", "Tickets.ChangeType", ticketID, jsonArg(`{"ticket_type_id": "1234", "ticket_state_id": "5678"}`)),
	dynOp("LinkConversationToTicket", "Tickets.LinkConversation", ticketID, jsonArg(`{"conversation_id": "204"}`)),

	// Visitors, workflows
	tableOp("UpdateVisitor", jsonArg(`{"id": "6762f30c1bb69f9f2193bc5e", "name": "Gareth Bale"}`)),
	tableOp("RetrieveVisitorWithUserId", "3ecf64d0-9ed1-4e9f-88e1-da7d6e6782f3"),
	tableOp("ConvertVisitor", jsonArg(`{"visitor": {"user_id": "3ecf64d0-9ed1-4e9f-88e1-da7d6e6782f3"}, "user": {"user_id": "8a88a590-e1c3-41e2-a502-e0649dbf721c", "email": "foo@bar.com"}, "type": "user"}`)),
}
