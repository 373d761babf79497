package preview_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/intercomkit/intercom-go/intercom"
	"github.com/intercomkit/intercom-go/intercom/preview"
)

// Create a folder, an operation only the Preview API has, with a Preview
// client made from an ordinary client. The server here records what it
// receives and answers as Intercom would.
func Example() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		fmt.Printf("%s %s (Intercom-Version: %s) %s\n", r.Method, r.URL.Path, r.Header.Get("Intercom-Version"), body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"type":"folder","id":6,"name":"Onboarding","content_count":0}`)
	}))
	defer srv.Close()

	c, err := intercom.NewClient("tok_example", intercom.WithBaseURL(srv.URL))
	if err != nil {
		fmt.Println(err)
		return
	}
	p := preview.New(c)

	folder, err := p.Folders.Create(context.Background(), preview.CreateFolderRequest{
		Folder: preview.CreateFolderRequestFolder{Name: "Onboarding"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(folder.GetId(), folder.GetName())
	// Output:
	// POST /folders (Intercom-Version: Preview) {"folder":{"name":"Onboarding"}}
	// 6 Onboarding
}
