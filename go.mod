module github.com/intercomkit/intercom-go

go 1.25.0

require (
	github.com/cenkalti/backoff/v4 v4.3.0
	github.com/oapi-codegen/runtime v1.8.0
	go.uber.org/goleak v1.3.0
	golang.org/x/oauth2 v0.36.0
	golang.org/x/time v0.15.0
)

require (
	github.com/apapsch/go-jsonmerge/v2 v2.0.0 // indirect
	github.com/google/uuid v1.6.0 // indirect
)
