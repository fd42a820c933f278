package kb

//go:generate go run ./internal/genstates -in internal/genstates/un.yaml -out ../reference/states.yaml
