package spec

import (
	"fmt"
	"go/parser"
	"go/token"

	"github.com/getkin/kin-openapi/openapi3"
)

// Model is what the generators of package intercom read, built once per
// generation: the overlaid description, the reviewed operations table and
// the declarations of the generated package gen (its source parsed once).
type Model struct {
	// Doc is the overlaid description.
	Doc *openapi3.T
	// Table is the operations table of the version.
	Table *Table
	// GenSrc is the source of gen/intercom.gen.go.
	GenSrc []byte

	gen      *goModel          // request builders, types, <Op>Response structs
	genTypes *genModel         // types and enum constants, for the aliases
	genDocs  map[string]string // doc comments of gen's exported types
	target   *facadeTarget     // the facade's package when not intercom (preview.go)
}

// NewModel parses gen's source genSrc once and reads what the facade, the
// aliases and the operations list need from it.
func NewModel(doc *openapi3.T, table *Table, genSrc []byte) (*Model, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "intercom.gen.go", genSrc, parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("parse generated code: %w", err)
	}
	return &Model{
		Doc: doc, Table: table, GenSrc: genSrc,
		gen: newGoModel(fset, f, genSrc), genTypes: newGenModel(f), genDocs: fileTypeDocs(f),
	}, nil
}
