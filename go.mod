module github.com/rightsgraph/rightsgraph

go 1.26.8

require (
	github.com/neo4j/neo4j-go-driver/v5 v5.28.4
	gopkg.in/yaml.v3 v3.0.1
)
