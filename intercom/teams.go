package intercom

import (
	"context"
	"net/http"

	"github.com/intercomkit/intercom-go/gen"
)

// List lists the teams of the workspace (GET /teams).
func (s *TeamsService) List(ctx context.Context, opts ...Option) (*gen.TeamList, error) {
	return doJSON[gen.TeamList](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.ListTeams(ctx)
	})
}

// Get fetches one team (GET /teams/{team_id}).
func (s *TeamsService) Get(ctx context.Context, teamID string, opts ...Option) (*gen.Team, error) {
	if err := requireID("team id", teamID); err != nil {
		return nil, err
	}
	return doJSON[gen.Team](ctx, s.c, nil, opts, func(ctx context.Context) (*http.Response, error) {
		return s.c.gen.RetrieveTeam(ctx, teamID)
	})
}
