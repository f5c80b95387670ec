package render

import "text/template/parse"

// eachUse calls use for every template node asks for by name: with
// {{template "name"}}, or with .Partial "name" and .Each "name" (see
// fragments.go), which render a template the same way.
func eachUse(node parse.Node, use func(at parse.Node, name string)) {
	eachCommand(node, func(n parse.Node) {
		switch n := n.(type) {
		case *parse.TemplateNode:
			use(n, n.Name)
		case *parse.CommandNode:
			if name := called(n); len(n.Args) >= 2 && (name == "Partial" || name == "Each") {
				if s, ok := n.Args[1].(*parse.StringNode); ok {
					use(n, s.Text)
				}
			}
		}
	})
}

// eachString calls use for every UI string node asks for by a constant
// key: {{.T "key"}}, $.T, $page.T.
func eachString(node parse.Node, use func(at parse.Node, key string)) {
	eachCommand(node, func(n parse.Node) {
		if c, ok := n.(*parse.CommandNode); ok && len(c.Args) >= 2 && called(c) == "T" {
			if s, ok := c.Args[1].(*parse.StringNode); ok {
				use(c, s.Text)
			}
		}
	})
}

// eachCommand calls visit for every command and {{template}} in node.
func eachCommand(node parse.Node, visit func(parse.Node)) {
	switch n := node.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			eachCommand(c, visit)
		}
	case *parse.ActionNode:
		eachCommand(n.Pipe, visit)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			eachCommand(c, visit)
		}
	case *parse.CommandNode:
		visit(n)
		for _, a := range n.Args {
			eachCommand(a, visit)
		}
	case *parse.ChainNode:
		eachCommand(n.Node, visit)
	case *parse.TemplateNode:
		visit(n)
		eachCommand(n.Pipe, visit)
	case *parse.IfNode:
		eachBranch(&n.BranchNode, visit)
	case *parse.RangeNode:
		eachBranch(&n.BranchNode, visit)
	case *parse.WithNode:
		eachBranch(&n.BranchNode, visit)
	}
}

func eachBranch(b *parse.BranchNode, visit func(parse.Node)) {
	eachCommand(b.Pipe, visit)
	eachCommand(b.List, visit)
	eachCommand(b.ElseList, visit)
}

// called is the method a command's first word calls, when it is one:
// Partial for .Partial, $.Partial and $page.Partial.
func called(c *parse.CommandNode) string {
	if len(c.Args) == 0 {
		return ""
	}
	var idents []string
	switch n := c.Args[0].(type) {
	case *parse.FieldNode:
		idents = n.Ident
	case *parse.VariableNode:
		idents = n.Ident[1:]
	case *parse.ChainNode:
		idents = n.Field
	}
	if len(idents) == 0 {
		return ""
	}
	return idents[len(idents)-1]
}
