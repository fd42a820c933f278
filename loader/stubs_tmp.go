package loader

func ReadMarkdown(source string, raw []byte) (*Doc, error) {
	return nil, errorf("markdown: not yet supported")
}
func ReadHTML(source string, raw []byte) (*Doc, error) { return nil, errorf("html: not yet supported") }
func ReadPDF(source string, raw []byte) (*Doc, error)  { return nil, errorf("pdf: not yet supported") }
func ReadJSONL(source string, raw []byte) ([]*Doc, error) {
	return nil, errorf("jsonl: not yet supported")
}
