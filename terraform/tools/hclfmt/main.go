// Command hclfmt checks (or fixes) that Terraform files are formatted the way
// `terraform fmt` formats them, without a terraform binary or provider downloads.
//
// Usage: hclfmt [-w] FILE...
//
// Every file must parse as HCL native syntax (exit 2 otherwise, nothing written).
// The files that would change are listed on stdout; without -w that exits 1, with -w
// they are rewritten and it exits 0.
//
// `terraform fmt` is hclwrite's formatter (hclwrite.Format) applied after a few
// Terraform-specific rewrites of the parsed file; both are applied here:
//   - an attribute value that is a single interpolation, "${expr}", becomes expr;
//   - a variable's legacy type spelling ("string", "list", "map", or a bare list, map,
//     set) becomes the modern one (string, list(string), map(string), list(any)...);
//   - block labels are rewritten in their canonical quoted form.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

func main() {
	write := flag.Bool("w", false, "rewrite the files that are not formatted")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: hclfmt [-w] FILE...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}

	failed, changed := false, false
	for _, path := range flag.Args() {
		differs, err := check(path, *write)
		if err != nil {
			fmt.Fprintf(os.Stderr, "hclfmt: %v\n", err)
			failed = true
			continue
		}
		if differs {
			fmt.Println(path)
			changed = true
		}
	}
	switch {
	case failed:
		os.Exit(2)
	case changed && !*write:
		os.Exit(1)
	}
}

// check reports whether the file's formatted form differs from its content, and
// writes the formatted form when asked to.
func check(path string, write bool) (bool, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	// Like terraform fmt, refuse to touch a file that does not parse: the formatter
	// could otherwise mangle it.
	if _, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos); diags.HasErrors() {
		return false, fmt.Errorf("%s: syntax error: %s", path, diags.Error())
	}
	formatted, err := format(src, path)
	if err != nil {
		return false, err
	}
	if bytes.Equal(src, formatted) {
		return false, nil
	}
	if write {
		info, err := os.Stat(path)
		if err != nil {
			return true, err
		}
		if err := os.WriteFile(path, formatted, info.Mode().Perm()); err != nil {
			return true, err
		}
	}
	return true, nil
}

func format(src []byte, path string) ([]byte, error) {
	file, diags := hclwrite.ParseConfig(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s: %s", path, diags.Error())
	}
	normalizeBody(file.Body(), nil)
	// File.Bytes runs hclwrite's formatter over the tokens: the same as hclwrite.Format.
	return hclwrite.Format(file.Bytes()), nil
}

// normalizeBody applies Terraform's rewrites to every attribute and nested block.
// blockTypes is the path of block types from the file's root to body.
func normalizeBody(body *hclwrite.Body, blockTypes []string) {
	for name, attr := range body.Attributes() {
		tokens := attr.Expr().BuildTokens(nil)
		if len(blockTypes) == 1 && blockTypes[0] == "variable" && name == "type" {
			tokens = normalizeTypeExpr(tokens)
		} else {
			tokens = unwrapInterpolation(tokens)
		}
		body.SetAttributeRaw(name, tokens)
	}
	for _, block := range body.Blocks() {
		block.SetLabels(block.Labels())
		nested := append(append([]string{}, blockTypes...), block.Type())
		normalizeBody(block.Body(), nested)
	}
}

// unwrapInterpolation turns "${expr}" into expr when the quoted template holds exactly
// one interpolation and nothing else at its own level (nested quoted strings inside
// expr may hold their own templates).
func unwrapInterpolation(tokens hclwrite.Tokens) hclwrite.Tokens {
	n := len(tokens)
	if n < 5 ||
		tokens[0].Type != hclsyntax.TokenOQuote ||
		tokens[1].Type != hclsyntax.TokenTemplateInterp ||
		tokens[n-2].Type != hclsyntax.TokenTemplateSeqEnd ||
		tokens[n-1].Type != hclsyntax.TokenCQuote {
		return tokens
	}
	inner := tokens[2 : n-2]
	depth := 0
	for _, tok := range inner {
		switch tok.Type {
		case hclsyntax.TokenOQuote:
			depth++
		case hclsyntax.TokenCQuote:
			depth--
		case hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateSeqEnd, hclsyntax.TokenQuotedLit:
			// At the outer template's level this is a second part ("${a}${b}", "${a}-x"):
			// the value is a real template, keep it.
			if depth == 0 {
				return tokens
			}
		}
	}

	for len(inner) > 0 && inner[0].Type == hclsyntax.TokenNewline {
		inner = inner[1:]
	}
	for len(inner) > 0 && inner[len(inner)-1].Type == hclsyntax.TokenNewline {
		inner = inner[:len(inner)-1]
	}
	multiLine := false
	for _, tok := range inner {
		if tok.Type == hclsyntax.TokenNewline {
			multiLine = true
			break
		}
	}
	parenthesized := len(inner) > 0 &&
		inner[0].Type == hclsyntax.TokenOParen &&
		inner[len(inner)-1].Type == hclsyntax.TokenCParen
	if !multiLine || parenthesized {
		return inner
	}
	// A bare multi-line expression (a conditional, say) would not parse as an
	// attribute value: keep it in parentheses.
	out := hclwrite.Tokens{{Type: hclsyntax.TokenOParen, Bytes: []byte("(")}}
	out = append(out, inner...)
	return append(out, &hclwrite.Token{Type: hclsyntax.TokenCParen, Bytes: []byte(")")})
}

// normalizeTypeExpr rewrites the legacy spellings of a variable's type.
func normalizeTypeExpr(tokens hclwrite.Tokens) hclwrite.Tokens {
	switch {
	case len(tokens) == 1 && tokens[0].Type == hclsyntax.TokenIdent:
		// A collection without an element type means "of any".
		switch kw := string(tokens[0].Bytes); kw {
		case "list", "map", "set":
			return typeCall(kw, "any")
		}
	case len(tokens) == 3 &&
		tokens[0].Type == hclsyntax.TokenOQuote &&
		tokens[1].Type == hclsyntax.TokenQuotedLit &&
		tokens[2].Type == hclsyntax.TokenCQuote:
		// Terraform 0.11's quoted types, whose elements were strings.
		switch kw := string(tokens[1].Bytes); kw {
		case "string":
			return hclwrite.Tokens{{Type: hclsyntax.TokenIdent, Bytes: []byte("string")}}
		case "list", "map":
			return typeCall(kw, "string")
		}
	}
	return tokens
}

func typeCall(name, element string) hclwrite.Tokens {
	return hclwrite.Tokens{
		{Type: hclsyntax.TokenIdent, Bytes: []byte(name)},
		{Type: hclsyntax.TokenOParen, Bytes: []byte("(")},
		{Type: hclsyntax.TokenIdent, Bytes: []byte(element)},
		{Type: hclsyntax.TokenCParen, Bytes: []byte(")")},
	}
}
