package intercom

// Services are the resource services of a [Client], one per group of Intercom
// operations. Each method is a thin call of one operation: it takes ctx first,
// path ids positionally and a generated params or body struct, and returns the
// generated type.
type Services struct {
	// Admins calls the operations on admins: who am I (/me), list, get, away status, activity logs.
	Admins *AdminsService
	// AIContent calls the operations on Fin AI content: content import sources and external pages.
	AIContent *AIContentService
	// Articles calls the operations on help center articles.
	Articles *ArticlesService
	// AwayStatusReasons calls the operations on away status reasons.
	AwayStatusReasons *AwayStatusReasonsService
	// Brands calls the operations on brands.
	Brands *BrandsService
	// Calls calls the operations on calls, recordings, transcripts and Fin Voice calls.
	Calls *CallsService
	// Companies calls the operations on companies: create or update, get, list, scroll, contacts and segments.
	Companies *CompaniesService
	// Contacts calls the operations on contacts (users and leads), their tags, companies, notes, segments and subscriptions.
	Contacts *ContactsService
	// Conversations calls the operations on conversations: create, reply, manage (close, open, assign, snooze), search, tags.
	Conversations *ConversationsService
	// CustomObjectInstances calls the operations on custom object instances.
	CustomObjectInstances *CustomObjectInstancesService
	// DataAttributes calls the operations on data attributes.
	DataAttributes *DataAttributesService
	// DataEvents calls the operations on data events.
	DataEvents *DataEventsService
	// DataExport calls the operations on message content data exports.
	DataExport *DataExportService
	// Emails calls the operations on sender email addresses.
	Emails *EmailsService
	// Fin calls the operations on the Fin agent API.
	Fin *FinService
	// HelpCenters calls the operations on help centers and their collections.
	HelpCenters *HelpCentersService
	// IPAllowlist calls the operations on the workspace IP allowlist.
	IPAllowlist *IPAllowlistService
	// InternalArticles calls the operations on internal articles.
	InternalArticles *InternalArticlesService
	// Jobs calls the operations on asynchronous job status.
	Jobs *JobsService
	// Messages calls the operations on outbound messages.
	Messages *MessagesService
	// News calls the operations on news items and newsfeeds.
	News *NewsService
	// Notes calls the operations on notes on contacts and companies.
	Notes *NotesService
	// ReportingDataExport calls the operations on reporting data exports.
	ReportingDataExport *ReportingDataExportService
	// Segments calls the operations on segments.
	Segments *SegmentsService
	// SubscriptionTypes calls the operations on subscription types.
	SubscriptionTypes *SubscriptionTypesService
	// Switch calls the operations on Switch: moving a phone call to Messenger.
	Switch *SwitchService
	// Tags calls the operations on tags, and tagging contacts, conversations and tickets.
	Tags *TagsService
	// Teams calls the operations on teams.
	Teams *TeamsService
	// TicketStates calls the operations on ticket states.
	TicketStates *TicketStatesService
	// TicketTypes calls the operations on ticket types and their attributes.
	TicketTypes *TicketTypesService
	// Tickets calls the operations on tickets.
	Tickets *TicketsService
	// Visitors calls the operations on Messenger visitors.
	Visitors *VisitorsService
	// Workflows calls the operations on workflow exports.
	Workflows *WorkflowsService
}

// init points every service at c.
func (s *Services) init(c *Client) {
	s.Admins = &AdminsService{c: c}
	s.AIContent = &AIContentService{c: c}
	s.Articles = &ArticlesService{c: c}
	s.AwayStatusReasons = &AwayStatusReasonsService{c: c}
	s.Brands = &BrandsService{c: c}
	s.Calls = &CallsService{c: c}
	s.Companies = &CompaniesService{c: c}
	s.Contacts = &ContactsService{c: c}
	s.Conversations = &ConversationsService{c: c}
	s.CustomObjectInstances = &CustomObjectInstancesService{c: c}
	s.DataAttributes = &DataAttributesService{c: c}
	s.DataEvents = &DataEventsService{c: c}
	s.DataExport = &DataExportService{c: c}
	s.Emails = &EmailsService{c: c}
	s.Fin = &FinService{c: c}
	s.HelpCenters = &HelpCentersService{c: c}
	s.IPAllowlist = &IPAllowlistService{c: c}
	s.InternalArticles = &InternalArticlesService{c: c}
	s.Jobs = &JobsService{c: c}
	s.Messages = &MessagesService{c: c}
	s.News = &NewsService{c: c}
	s.Notes = &NotesService{c: c}
	s.ReportingDataExport = &ReportingDataExportService{c: c}
	s.Segments = &SegmentsService{c: c}
	s.SubscriptionTypes = &SubscriptionTypesService{c: c}
	s.Switch = &SwitchService{c: c}
	s.Tags = &TagsService{c: c}
	s.Teams = &TeamsService{c: c}
	s.TicketStates = &TicketStatesService{c: c}
	s.TicketTypes = &TicketTypesService{c: c}
	s.Tickets = &TicketsService{c: c}
	s.Visitors = &VisitorsService{c: c}
	s.Workflows = &WorkflowsService{c: c}
}

// AdminsService calls the operations on admins: who am I (/me), list, get, away status, activity logs. Use it as Client.Admins.
type AdminsService struct{ c *Client }

// AIContentService calls the operations on Fin AI content: content import sources and external pages. Use it as Client.AIContent.
type AIContentService struct{ c *Client }

// ArticlesService calls the operations on help center articles. Use it as Client.Articles.
type ArticlesService struct{ c *Client }

// AwayStatusReasonsService calls the operations on away status reasons. Use it as Client.AwayStatusReasons.
type AwayStatusReasonsService struct{ c *Client }

// BrandsService calls the operations on brands. Use it as Client.Brands.
type BrandsService struct{ c *Client }

// CallsService calls the operations on calls, recordings, transcripts and Fin Voice calls. Use it as Client.Calls.
type CallsService struct{ c *Client }

// CompaniesService calls the operations on companies: create or update, get, list, scroll, contacts and segments. Use it as Client.Companies.
type CompaniesService struct{ c *Client }

// ContactsService calls the operations on contacts (users and leads), their tags, companies, notes, segments and subscriptions. Use it as Client.Contacts.
type ContactsService struct{ c *Client }

// ConversationsService calls the operations on conversations: create, reply, manage (close, open, assign, snooze), search, tags. Use it as Client.Conversations.
type ConversationsService struct{ c *Client }

// CustomObjectInstancesService calls the operations on custom object instances. Use it as Client.CustomObjectInstances.
type CustomObjectInstancesService struct{ c *Client }

// DataAttributesService calls the operations on data attributes. Use it as Client.DataAttributes.
type DataAttributesService struct{ c *Client }

// DataEventsService calls the operations on data events. Use it as Client.DataEvents.
type DataEventsService struct{ c *Client }

// DataExportService calls the operations on message content data exports. Use it as Client.DataExport.
type DataExportService struct{ c *Client }

// EmailsService calls the operations on sender email addresses. Use it as Client.Emails.
type EmailsService struct{ c *Client }

// FinService calls the operations on the Fin agent API. Use it as Client.Fin.
type FinService struct{ c *Client }

// HelpCentersService calls the operations on help centers and their collections. Use it as Client.HelpCenters.
type HelpCentersService struct{ c *Client }

// IPAllowlistService calls the operations on the workspace IP allowlist. Use it as Client.IPAllowlist.
type IPAllowlistService struct{ c *Client }

// InternalArticlesService calls the operations on internal articles. Use it as Client.InternalArticles.
type InternalArticlesService struct{ c *Client }

// JobsService calls the operations on asynchronous job status. Use it as Client.Jobs.
type JobsService struct{ c *Client }

// MessagesService calls the operations on outbound messages. Use it as Client.Messages.
type MessagesService struct{ c *Client }

// NewsService calls the operations on news items and newsfeeds. Use it as Client.News.
type NewsService struct{ c *Client }

// NotesService calls the operations on notes on contacts and companies. Use it as Client.Notes.
type NotesService struct{ c *Client }

// ReportingDataExportService calls the operations on reporting data exports. Use it as Client.ReportingDataExport.
type ReportingDataExportService struct{ c *Client }

// SegmentsService calls the operations on segments. Use it as Client.Segments.
type SegmentsService struct{ c *Client }

// SubscriptionTypesService calls the operations on subscription types. Use it as Client.SubscriptionTypes.
type SubscriptionTypesService struct{ c *Client }

// SwitchService calls the operations on Switch: moving a phone call to Messenger. Use it as Client.Switch.
type SwitchService struct{ c *Client }

// TagsService calls the operations on tags, and tagging contacts, conversations and tickets. Use it as Client.Tags.
type TagsService struct{ c *Client }

// TeamsService calls the operations on teams. Use it as Client.Teams.
type TeamsService struct{ c *Client }

// TicketStatesService calls the operations on ticket states. Use it as Client.TicketStates.
type TicketStatesService struct{ c *Client }

// TicketTypesService calls the operations on ticket types and their attributes. Use it as Client.TicketTypes.
type TicketTypesService struct{ c *Client }

// TicketsService calls the operations on tickets. Use it as Client.Tickets.
type TicketsService struct{ c *Client }

// VisitorsService calls the operations on Messenger visitors. Use it as Client.Visitors.
type VisitorsService struct{ c *Client }

// WorkflowsService calls the operations on workflow exports. Use it as Client.Workflows.
type WorkflowsService struct{ c *Client }
