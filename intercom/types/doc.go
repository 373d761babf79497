// Package types holds the small JSON types that let the generated package gen
// accept every shape Intercom is known to send for a field.
//
// Intercom's API description, its own SDK definitions and its live responses
// disagree on a few fields: ids come as numbers in one place and strings in
// another, an avatar is a URL string or an object, pages.next is a URL or a
// cursor object, a list comes as an object or a bare array. The overlay of
// each API version (api/overlays) points those fields at these types with
// x-go-type, so a response decodes whichever shape arrives:
//
//   - [ID]: an Intercom object id declared as a string, a Go string decoded
//     from a JSON string or number and sent as a JSON string;
//   - [NumericID]: an id declared as an integer, a Go string decoded from a
//     JSON number or string and sent as a JSON number;
//   - [Avatar]: an image URL or an {type, image_url} object;
//   - [NextPage]: the next-page URL or cursor object of a page object;
//   - [List] and [PagedList]: a list object, a bare array of items, or (for
//     [PagedList]) a single item where a list was described;
//   - [IDs] and [Strings]: one id (number or string) or string, or a list;
//   - [Timestamp]: an RFC 3339 string or Unix seconds, re-encoded in its form;
//   - [AttributeValue]: any JSON value (custom attribute and search values),
//     with readers for each kind.
//
// # Ids are strings
//
// Every Intercom object id and id reference is a Go string in the generated
// types. The fields Intercom's description declares as integers are
// [NumericID] (sent as JSON numbers, as the description says); fields declared
// as strings but seen as numbers are [ID] (sent as strings). Their GetX
// accessors return plain strings ([]string for lists), so ids of different
// objects compare directly:
//
//	conv.GetTeamAssigneeId() == team.GetId()
//	slices.Contains(team.GetAdminIds(), admin.GetId())
//
// In a request body (a schema no response uses), an id declared as an
// integer is an [IntegerID], an alias of string: set it with the id you hold,
// AuthorId: me.GetId() for a required field and AdminId: intercom.Ptr(id)
// for an optional one. The body's generated MarshalJSON sends it as a JSON
// number, and refuses (with an [*IntegerIDError], which package intercom's
// methods wrap in intercom.ErrInvalidID) one that is not a positive number.
// A request type that responses use too keeps [NumericID]:
// intercom.Ptr[intercom.NumericID]("991"). The repository's CONTRIBUTING.md ("Ids are
// strings", "Shape drift") lists every field of each API version that uses
// these types, and why.
//
// The package is hand-written and has no dependencies beyond the standard
// library, so package gen can import it.
package types
