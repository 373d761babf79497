package engine

import (
	"fmt"
	"net/url"
	"strings"
)

// Region selects the Intercom data-hosting region a workspace lives in. Each
// region has its own API host; a token issued in one region is not valid in
// another. Use it with [WithRegion] or set INTERCOM_REGION for
// [NewClientFromEnv].
type Region string

// The regions Intercom hosts workspaces in.
const (
	// RegionUS is the United States region, https://api.intercom.io (the default).
	RegionUS Region = "us"
	// RegionEU is the European Union region, https://api.eu.intercom.io.
	RegionEU Region = "eu"
	// RegionAU is the Australian region, https://api.au.intercom.io.
	RegionAU Region = "au"
)

// BaseURL returns the API base URL of the region, or "" for an unknown region.
func (r Region) BaseURL() string {
	switch r {
	case RegionUS:
		return "https://api.intercom.io"
	case RegionEU:
		return "https://api.eu.intercom.io"
	case RegionAU:
		return "https://api.au.intercom.io"
	}
	return ""
}

// regionURLs are the parsed base URLs of the regions, shared (read only) by
// every client: NewClient does not parse a constant again.
var regionURLs = map[Region]*url.URL{
	RegionUS: mustParseURL(RegionUS.BaseURL()),
	RegionEU: mustParseURL(RegionEU.BaseURL()),
	RegionAU: mustParseURL(RegionAU.BaseURL()),
}

// regionURL returns the parsed base URL of r, or nil for an unknown region.
func regionURL(r Region) *url.URL { return regionURLs[r] }

// mustParseURL parses one of the constant base URLs above.
func mustParseURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic("intercom: bad region URL " + s)
	}
	return u
}

// valid reports whether r is one of the known regions.
func (r Region) valid() bool { return r.BaseURL() != "" }

// ParseRegion converts "us", "eu" or "au" (any case, surrounding spaces
// ignored) to a Region.
func ParseRegion(s string) (Region, error) {
	r := Region(strings.ToLower(strings.TrimSpace(s)))
	if !r.valid() {
		return "", fmt.Errorf("intercom: unknown region %q (want us, eu or au)", Truncate(s, 32))
	}
	return r, nil
}

// isIntercomAPIHost reports whether host (lower case, without port) is the API
// host of one of the regions.
func isIntercomAPIHost(host string) bool {
	switch host {
	case "api.intercom.io", "api.eu.intercom.io", "api.au.intercom.io":
		return true
	}
	return false
}

// truncate shortens s to at most n bytes (on a rune boundary) for use in
// error messages.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
