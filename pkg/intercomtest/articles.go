package intercomtest

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/intercomkit/intercom-go/gen"
	"github.com/intercomkit/intercom-go/intercom/types"
)

const articlesDefaultPerPage = 50

// articleInput is the body of POST /articles and PUT /articles/{id}.
type articleInput struct {
	Title             *string                       `json:"title"`
	Description       *string                       `json:"description"`
	Body              *string                       `json:"body"`
	AuthorID          *types.NumericID              `json:"author_id"`
	State             *string                       `json:"state"`
	ParentID          json.RawMessage               `json:"parent_id"` // a number on create, a string on update
	ParentType        *string                       `json:"parent_type"`
	TranslatedContent *gen.ArticleTranslatedContent `json:"translated_content"`
}

// check validates the input; create requires title and author_id.
func (c *call) checkArticle(in *articleInput, create bool) (parentID *int, res result, good bool) {
	if create && strings.TrimSpace(val(in.Title)) == "" {
		return nil, missing("title"), false
	}
	if create && in.AuthorID == nil {
		return nil, missing("author_id"), false
	}
	if in.AuthorID != nil {
		if _, found := c.st.admin(string(*in.AuthorID)); !found {
			return nil, invalid("author_id %s is not a teammate of this workspace", *in.AuthorID), false
		}
	}
	if in.State != nil && *in.State != "published" && *in.State != "draft" {
		return nil, invalid("state must be published or draft"), false
	}
	if len(in.ParentID) > 0 && string(in.ParentID) != "null" {
		var n int
		if err := json.Unmarshal(in.ParentID, &n); err != nil {
			var s string
			if json.Unmarshal(in.ParentID, &s) != nil {
				return nil, invalid("parent_id must be an id"), false
			}
			if n, err = strconv.Atoi(s); err != nil {
				return nil, invalid("parent_id %q is not an id", s), false
			}
		}
		parentID = &n
	}
	return parentID, result{}, true
}

// applyArticle sets the fields of in on a.
func (st *store) applyArticle(a *gen.Article, in *articleInput, parentID *int, now int) {
	if in.Title != nil {
		a.Title = ptr(*in.Title)
	}
	if in.Description != nil {
		a.Description = ptr(*in.Description)
	}
	if in.Body != nil {
		a.Body = ptr(*in.Body)
	}
	if in.AuthorID != nil {
		a.AuthorId = ptr(*in.AuthorID)
	}
	if in.State != nil {
		a.State = ptr(gen.ArticleState(*in.State))
	}
	if parentID != nil {
		a.ParentIds = []types.NumericID{types.NumericID(strconv.Itoa(*parentID))}
	}
	a.UpdatedAt = ptr(now)
	a.Url = nil
	if val(a.State) == gen.ArticleStatePublished {
		a.Url = ptr("https://intercom.help/" + st.appID + "/en/articles/" + val(a.Id) + "-" + slug(val(a.Title)))
	}
	en := &gen.ArticleContent{
		Type:        ptr(gen.ArticleContentType("article_content")),
		Title:       a.Title,
		Description: a.Description,
		Body:        a.Body,
		AuthorId:    a.AuthorId,
		State:       ptr(gen.ArticleContentState(val(a.State))),
		CreatedAt:   a.CreatedAt,
		UpdatedAt:   a.UpdatedAt,
		Url:         a.Url,
	}
	tc := gen.ArticleTranslatedContent{}
	if in.TranslatedContent != nil {
		tc = *in.TranslatedContent
	} else if a.TranslatedContent != nil {
		tc = *a.TranslatedContent
	}
	tc.Type = ptr(gen.ArticleTranslatedContentType("article_translated_content"))
	tc.En = en
	a.TranslatedContent = &tc
}

// slug makes the URL slug of a title.
func slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func (st *store) newArticle(now int) *gen.Article {
	return &gen.Article{
		Type:          ptr(gen.ArticleType("article")),
		Id:            ptr(st.numID()),
		WorkspaceId:   ptr(st.appID),
		State:         ptr(gen.ArticleStateDraft),
		CreatedAt:     ptr(now),
		DefaultLocale: ptr("en"),
		ParentIds:     []types.NumericID{},
		Tags:          &gen.Tags{Type: ptr(gen.TagsType("tag.list")), Tags: []gen.Tag{}},
		Statistics: &gen.ArticleStatistics{
			Type: ptr(gen.ArticleStatisticsType("article_statistics")), Views: ptr(0), Conversions: ptr(0), Reactions: ptr(0),
			HappyReactionPercentage: ptr(0.0), NeutralReactionPercentage: ptr(0.0), SadReactionPercentage: ptr(0.0),
		},
	}
}

func (c *call) listArticles() result {
	ids := c.st.articles.order
	start, end, pages, res, good := c.numberPage(len(ids), articlesDefaultPerPage, maxPerPage, "/articles", nil)
	if !good {
		return res
	}
	data := make([]gen.ArticleListItem, 0, end-start)
	for _, id := range ids[start:end] {
		item, err := roundTrip[gen.ArticleListItem](c.st.articles.m[id])
		if err != nil {
			return fail(500, "server_error", "intercomtest: article list item: %v", err)
		}
		data = append(data, item)
	}
	return ok(gen.ArticleList{Type: ptr(gen.ArticleListType("list")), Data: data, TotalCount: ptr(len(ids)), Pages: &pages})
}

func (c *call) createArticle() result {
	var in articleInput
	if good, res := c.decode(&in); !good {
		return res
	}
	parentID, res, good := c.checkArticle(&in, true)
	if !good {
		return res
	}
	a := c.st.newArticle(c.unix())
	c.st.applyArticle(a, &in, parentID, c.unix())
	c.st.articles.put(val(a.Id), a)
	return ok(a)
}

func (c *call) articleParam() (*gen.Article, result, bool) {
	a, found := c.st.articles.get(c.params["article_id"])
	if !found {
		return nil, notFound("Article"), false
	}
	return a, result{}, true
}

func (c *call) getArticle() result {
	a, res, good := c.articleParam()
	if !good {
		return res
	}
	return ok(a)
}

func (c *call) updateArticle() result {
	a, res, good := c.articleParam()
	if !good {
		return res
	}
	var in articleInput
	if good, res := c.decode(&in); !good {
		return res
	}
	parentID, res, good := c.checkArticle(&in, false)
	if !good {
		return res
	}
	c.st.applyArticle(a, &in, parentID, c.unix())
	return ok(a)
}

func (c *call) deleteArticle() result {
	a, res, good := c.articleParam()
	if !good {
		return res
	}
	c.st.articles.del(val(a.Id))
	return ok(gen.DeletedArticleObject{Id: a.Id, Object: ptr(gen.DeletedArticleObjectObject("article")), Deleted: ptr(true)})
}
