package intercom_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"

	"github.com/intercomkit/intercom-go/intercom"
)

// companiesAPI stands in for Intercom in the company examples: five
// companies, Company 1 to Company 5. The scroll of expireAfter > 0 fails with
// a 500 after that many pages, as an expired scroll does.
func companiesAPI(expireAfter int) *httptest.Server {
	const total = 5
	company := func(i int) map[string]any {
		return map[string]any{"type": "company", "id": fmt.Sprintf("co%d", i+1), "name": fmt.Sprintf("Company %d", i+1)}
	}
	var scrollPages atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("POST /companies", func(w http.ResponseWriter, r *http.Request) {
		var body intercom.CreateOrUpdateCompanyRequest
		_ = json.NewDecoder(r.Body).Decode(&body)
		_ = json.NewEncoder(w).Encode(map[string]any{"type": "company", "id": "co9", "company_id": body.CompanyId,
			"name": body.Name, "custom_attributes": body.CustomAttributes})
	})
	mux.HandleFunc("GET /companies", func(w http.ResponseWriter, r *http.Request) {
		per, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
		per = max(per, 1)
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		page = max(page, 1)
		list := []map[string]any{}
		for i := (page - 1) * per; i < min(page*per, total); i++ {
			list = append(list, company(i))
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"type": "list", "data": list, "total_count": total,
			"pages": map[string]any{"type": "pages", "page": page, "per_page": per, "total_pages": (total + per - 1) / per}})
	})
	mux.HandleFunc("GET /companies/scroll", func(w http.ResponseWriter, r *http.Request) {
		n := int(scrollPages.Add(1))
		if expireAfter > 0 && n > expireAfter {
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprint(w, `{"type":"error.list","errors":[{"code":"server_error","message":"Server Error"}]}`)
			return
		}
		// Two companies per page, then an empty page.
		list := []map[string]any{}
		for i := (n - 1) * 2; i < min(n*2, total); i++ {
			list = append(list, company(i))
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"type": "list", "data": list, "scroll_param": "25b649f7-4d33"})
	})
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		mux.ServeHTTP(w, r)
	}))
}

func ExampleCompaniesService_CreateOrUpdate() {
	srv := companiesAPI(0)
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer client.CloseIdleConnections()

	company, err := client.Companies.CreateOrUpdate(context.Background(), intercom.CreateOrUpdateCompanyRequest{
		CompanyId:        intercom.Ptr("acme-42"), // your id: the same id updates the company
		Name:             intercom.Ptr("Acme"),
		CustomAttributes: map[string]any{"tier": "gold", "seats": 25},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*company.Id, *company.CompanyId, *company.Name, company.CustomAttributes["seats"])
	// Output:
	// co9 acme-42 Acme 25
}

func ExampleCompaniesService_ListAll() {
	srv := companiesAPI(0)
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer client.CloseIdleConnections()

	// Page numbers are followed until pages.total_pages.
	for company, err := range client.Companies.ListAll(context.Background(), &intercom.ListCompaniesParams{PerPage: intercom.Ptr(2)}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(*company.Name)
	}
	// Output:
	// Company 1
	// Company 2
	// Company 3
	// Company 4
	// Company 5
}

func ExampleCompaniesService_ScrollAll() {
	srv := companiesAPI(0)
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer client.CloseIdleConnections()

	// A scroll goes through every company, with no 10,000 limit. Keep
	// consuming it: Intercom expires a scroll left unused for a minute.
	n := 0
	for company, err := range client.Companies.ScrollAll(context.Background(), nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(*company.Name)
		n++
	}
	fmt.Println(n, "companies")
	// Output:
	// Company 1
	// Company 2
	// Company 3
	// Company 4
	// Company 5
	// 5 companies
}

func ExampleCompaniesService_ScrollAll_expired() {
	srv := companiesAPI(1) // the scroll fails after its first page
	defer srv.Close()
	client, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer client.CloseIdleConnections()

	for company, err := range client.Companies.ScrollAll(context.Background(), nil) {
		if errors.Is(err, intercom.ErrScrollExpired) {
			// A scroll cannot be resumed: range over ScrollAll again to
			// start over (deduplicate by id if that matters).
			fmt.Println("scroll expired, restart it")
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(*company.Name)
	}
	// Output:
	// Company 1
	// Company 2
	// scroll expired, restart it
}
