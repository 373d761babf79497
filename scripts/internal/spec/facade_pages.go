package spec

import (
	"fmt"
	"go/ast"
	"strings"
)

// This file turns a paginated operation into the data of the iterator
// template (templates/iterator.go.tmpl): where a page's items and next
// cursor are, and how the next request sets the cursor.

// iterView is what templates/iterator.go.tmpl renders for a paginated list.
type iterView struct {
	Doc         []string
	Recv, Name  string
	Params      string
	Item        string // the type yielded
	Steps       []step
	Ret         string
	Style       string // the table's pages.style
	OpVar       string
	Clone       bool   // copy the caller's params once (p)
	CursorField string // cursor, next-cursor: the params field of the cursor
	PageParams  string // page: the params type
	Build       string // the request builder's call for one page
	Split       splitView
}

// splitView is the function that takes a page's items and next cursor out
// of the decoded response, nil-safely.
type splitView struct {
	Res, Item string
	NextCond  string // when not empty, Next is read only if it holds
	Next      string
	NextVar   string // Next, or "next" when guarded
	ItemCond  string // when not empty, the page has no items if it holds
	Items     string
}

// iterator builds the view of the ...All iterator of a paginated operation.
func (g *fileGen) iterator(fo *facadeOp, sh *callShape, resType string) (*iterView, error) {
	pg := fo.entry.Pages
	resp := g.m.structOf(g.m.resolveName(resType))
	sp, pagesExpr, pagesType, err := g.pageItems(resType, resp, pg)
	if err != nil {
		return nil, err
	}
	if strings.HasPrefix(sp.Item, "*") {
		// Every iterator yields values: callers range over one kind of thing.
		return nil, fmt.Errorf("pages.items: the iterator would yield pointers (%s)", sp.Item)
	}
	if err := g.pageNext(&sp, resp, pg.Style, pagesExpr, pagesType); err != nil {
		return nil, err
	}
	recv := fo.entry.Service + "Service"
	doc := pg.Doc
	if strings.TrimSpace(doc) == "" {
		doc = fmt.Sprintf("iterates over every item of %s, page by page (%s %s). Its\narguments are those of [%s.%s]; params are copied and not modified.\nAn error is yielded once and ends the iteration.", fo.entry.Method, fo.method, fo.path, recv, fo.entry.Method)
	}
	v := &iterView{
		Doc: commentLines(fo.allName(), doc), Recv: recv, Name: fo.allName(), Params: paramList(sh.sig),
		Item: sp.Item, Steps: steps(sh.sig, sh.checks, sh.bodyChecks), Ret: fmt.Sprintf("engine.ErrSeq[%s](err)", sp.Item),
		Style: pg.Style, OpVar: fo.opVar(), Split: sp,
	}
	return v, g.pageRequest(fo, sh, v)
}

// pageItems finds the items of a page: the Data of a types.PagedList the
// overlay made the response, or the field the table's pages.items names.
// It also returns the expression and type of the page's pages object.
func (g *fileGen) pageItems(resType string, resp *ast.StructType, pg *TablePages) (sp splitView, pagesExpr, pagesType string, err error) {
	sp.Res = resType
	pagesExpr, pagesType = "l.Pages", g.m.qual(fieldType(field(resp, "Pages")))
	if item, pages, ok := g.m.pagedList(resType); ok && pg.Items == "Data" {
		sp.Item, sp.Items = item, "l.GetData()"
		return sp, "l.GetPages()", "*" + pages, nil
	}
	itemGuards, itemsField, itemsPath, err := g.walk(resp, "l", pg.Items)
	if err != nil {
		return sp, "", "", fmt.Errorf("pages.items: %s: %w", resType, err)
	}
	sp.Item, sp.Items, err = g.itemsOf(itemsField.Type, itemsPath)
	if err != nil {
		return sp, "", "", fmt.Errorf("pages.items: %w", err)
	}
	sp.ItemCond = strings.Join(itemGuards, " || ")
	return sp, pagesExpr, pagesType, nil
}

// pageNext finds the next cursor of a page, read nil-safely, for a style.
func (g *fileGen) pageNext(sp *splitView, resp *ast.StructType, style, pagesExpr, pagesType string) error {
	var next string
	var guards []string
	var err error
	switch style {
	case "cursor", "search":
		next, guards, err = g.cursorNext(resp, sp.Res, style, pagesExpr, pagesType)
	case "page", "page-body":
		next, guards, err = g.pageNumberNext(resp, sp.Res, style, pagesExpr, pagesType)
	case "next-cursor":
		if field(resp, "NextCursor") == nil {
			return fmt.Errorf("pages.style next-cursor: %s has no NextCursor", sp.Res)
		}
		next = "engine.ValueOr(l.NextCursor)"
		if hf := field(resp, "HasMore"); hf != nil {
			next = fmt.Sprintf("engine.NextCursor(%s, l.NextCursor)", derefBool(hf, "l.HasMore"))
		}
	case "nexturl":
		if pagesType != "*gen.PagesLink" {
			return fmt.Errorf("pages.style nexturl: the pages of %s are not *gen.PagesLink", sp.Res)
		}
		next = "linkNext(" + pagesExpr + ")"
	case "scroll":
		if f := field(resp, "ScrollParam"); f == nil {
			return fmt.Errorf("pages.style scroll: %s has no ScrollParam", sp.Res)
		}
		next = "engine.ValueOr(l.ScrollParam)"
	}
	if err != nil {
		return err
	}
	sp.Next, sp.NextVar = next, next
	if len(guards) > 0 {
		sp.NextCond, sp.NextVar = negate(guards), "next"
	}
	return nil
}

// cursorNext is the next cursor of a cursor or search page: the
// starting_after of pages.next.
func (g *fileGen) cursorNext(resp *ast.StructType, resType, style, pagesExpr, pagesType string) (string, []string, error) {
	if pagesType == "*gen.CursorPages" {
		return "cursorNext(" + pagesExpr + ")", nil, nil
	}
	guards, f, next, err := g.walk(resp, "l", "Pages.Next")
	if err != nil {
		return "", nil, fmt.Errorf("pages.style %s: %s: %w", style, resType, err)
	}
	if g.m.qual(f.Type) == "*types.NextPage" {
		return next + ".GetStartingAfter()", guards, nil // nil-safe
	}
	guards = append(guards, next+" == nil")
	g2, f, next, err := g.walk(g.m.structOf(f.Type), next, "StartingAfter")
	if err != nil {
		return "", nil, fmt.Errorf("pages.style %s: %s.Pages.Next: %w", style, resType, err)
	}
	guards = append(guards, g2...)
	if _, ok := f.Type.(*ast.StarExpr); ok {
		next = "engine.ValueOr(" + next + ")"
	}
	return next, guards, nil
}

// pageNumberNext is the next cursor of a page-numbered page: the page after
// pages.page, unless it was the last.
func (g *fileGen) pageNumberNext(resp *ast.StructType, resType, style, pagesExpr, pagesType string) (string, []string, error) {
	if pagesType == "*gen.PagesLink" {
		return "pageNext(" + pagesExpr + ")", nil, nil
	}
	base := "Pages."
	if field(g.m.structOf(fieldType(field(resp, "Pages"))), "TotalPages") == nil {
		base = ""
	}
	guards, pf, pexpr, err := g.walk(resp, "l", base+"Page")
	if err != nil {
		return "", nil, fmt.Errorf("pages.style %s: %s: %w", style, resType, err)
	}
	_, tf, texpr, err := g.walk(resp, "l", base+"TotalPages")
	if err != nil {
		return "", nil, fmt.Errorf("pages.style %s: %s: %w", style, resType, err)
	}
	return fmt.Sprintf("engine.PageAfter(%s, %s)", derefInt(pf, pexpr), derefInt(tf, texpr)), guards, nil
}

// pageRequest checks that the request can carry the style's cursor and sets
// how each page's request is built.
func (g *fileGen) pageRequest(fo *facadeOp, sh *callShape, v *iterView) error {
	switch v.Style {
	case "cursor", "next-cursor", "scroll":
		name := map[string]string{"cursor": "StartingAfter", "next-cursor": "Cursor", "scroll": "ScrollParam"}[v.Style]
		if err := g.requestField(sh.paramsField, v.Style, "query parameters", name); err != nil {
			return err
		}
		if _, err := g.optionalParams(sh.paramsField, v.Style); err != nil {
			return err
		}
		v.Clone, v.CursorField, v.Build = true, name, g.buildCall(fo, sh.call, "&q", "")
	case "search":
		if err := g.requestField(sh.bodyField, v.Style, "request body", "Pagination"); err != nil {
			return err
		}
		if q := g.m.qual(fieldOf(g.m, sh.bodyField.Type, "Pagination").Type); q != "*gen.StartingAfterPaging" {
			return fmt.Errorf("pages.style search: Pagination is %s, want *gen.StartingAfterPaging", q)
		}
		v.Build = g.buildCall(fo, sh.call, "", "b")
	case "page":
		if err := g.requestField(sh.paramsField, v.Style, "query parameters", "Page"); err != nil {
			return err
		}
		pt, err := g.optionalParams(sh.paramsField, v.Style)
		if err != nil {
			return err
		}
		v.PageParams, v.Build = pt, g.buildCall(fo, sh.call, "q", "")
	case "page-body":
		if err := g.requestField(sh.bodyField, v.Style, "request body", "Page"); err != nil {
			return err
		}
		v.Build = g.buildCall(fo, sh.call, "", "b")
	case "nexturl":
		if sh.paramsField != nil {
			if _, err := g.optionalParams(sh.paramsField, v.Style); err != nil {
				return err
			}
			v.Clone = true
		}
		v.Build = g.buildCall(fo, sh.call, map[bool]string{true: "p", false: ""}[v.Clone], "")
	default:
		return fmt.Errorf("pages.style %s is not implemented by the generator", v.Style)
	}
	return nil
}

// requestField checks that the params (or body) f have an optional field.
func (g *fileGen) requestField(f *ast.Field, style, what, name string) error {
	if f == nil {
		return fmt.Errorf("pages.style %s needs %s", style, what)
	}
	pf := fieldOf(g.m, f.Type, name)
	if pf == nil {
		return fmt.Errorf("pages.style %s: the %s have no field %s", style, what, name)
	}
	if _, ok := pf.Type.(*ast.StarExpr); !ok {
		return fmt.Errorf("pages.style %s: %s.%s is not optional", style, what, name)
	}
	return nil
}

// optionalParams returns the params type of optional query parameters.
func (g *fileGen) optionalParams(f *ast.Field, style string) (string, error) {
	pt := g.m.qual(f.Type)
	if !strings.HasPrefix(pt, "*") {
		return "", fmt.Errorf("pages.style %s needs optional query parameters (got %s)", style, pt)
	}
	return strings.TrimPrefix(pt, "*"), nil
}
