// The peer that make bench-peer compares rightsgraph with: @neo4j/graphql 7
// on Apollo Server 5, over the graph rightsgraph stores (docs/graph-model.md),
// with type definitions written for that graph. It serves on 127.0.0.1:PORT
// (default 4100) over the Neo4j at NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD
// (NEO4J_DATABASE optional), and prints one line "peer: ready http://..." on
// stdout once it answers. It has no access control: every node is readable.
//
//   node server.mjs            # PORT=4100 NEO4J_URI=bolt://127.0.0.1:7717 ...
//   node server.mjs --print-schema   # the generated GraphQL schema, then exit
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { printSchema } from "graphql";
import neo4j from "neo4j-driver";

// One hop of rightsgraph's neighbourhood for the node in variable v: its
// relationships except mentions, ranked as rightsgraph's BALANCED ranking
// does (neo4jdb/read_relations.go, relExpandCypher): grouped by type,
// direction and the other end's kind, each group by confidence and
// evidence, groups taken in weighted turns; the first 25 are kept. The
// result is the list of kept neighbours in the variable out.
function expand(v, out) {
    const order =
        "coalesce(x.r.confidence, 1.0) DESC, size(coalesce(x.r.docIds, [])) DESC, type(x.r), x.m.id, coalesce(x.r.role, '')";
    return `CALL (${v}) {
  MATCH (${v})-[r]-(m)
  WHERE type(r) <> 'MENTIONED_IN' AND NOT m:Document
  WITH {r: r, m: m} AS x, startNode(r) = ${v} AS out
  ORDER BY ${order}
  WITH type(x.r) AS t, out, coalesce(x.m.kind, head(labels(x.m))) AS mk, collect(x) AS grp
  WITH grp, CASE WHEN t = 'INVOLVED_IN' THEN 4.0
                 WHEN t = 'PARTY_TO' AND NOT out THEN 0.5
                 WHEN t IN ['MEMBER_OF', 'PARTY_TO', 'PART_OF', 'HOLDS_POSITION', 'FINDS_VIOLATION_OF', 'ALLEGES_VIOLATION_OF', 'AFFILIATED_WITH', 'NATIONAL_OF'] THEN 2.0
                 WHEN t = 'BINDS' THEN 0.5
                 ELSE 1.0 END AS weight
  UNWIND range(0, size(grp) - 1) AS i
  WITH grp[i] AS x, toFloat(i) / weight AS turn
  ORDER BY turn, ${order}
  RETURN [y IN collect(x)[..25] | y.m] AS ${out}
}`;
}

// The ids of the depth-2 neighbourhood of this: itself, its kept neighbours,
// and theirs.
const neighborhood = `${expand("this", "one")}
WITH this, one
UNWIND CASE WHEN size([x IN one WHERE x <> this]) = 0 THEN [null] ELSE [x IN one WHERE x <> this] END AS n
WITH DISTINCT this, one, n
${expand("n", "two")}
UNWIND [this] + one + two AS x
WITH DISTINCT x
RETURN x.id AS id`;

// Evidence lists of every relationship (parallel lists, one entry per piece).
const evidenceFields = `
  confidence: Float
  confidences: [Float!]
  docIds: [String!]
  starts: [Int!]
  ends: [Int!]
  quotes: [String!]`;

const actorFields = `
  id: ID!
  name: String!
  kind: String
  aliases: [String!]
  events: [Event!]! @relationship(type: "INVOLVED_IN", direction: OUT, properties: "Involvement")
  memberOf: [Body!]! @relationship(type: "MEMBER_OF", direction: OUT, properties: "Evidence")`;

export const typeDefs = `#graphql
type Evidence @relationshipProperties {${evidenceFields}
}

type Involvement @relationshipProperties {
  role: String${evidenceFields}
}

type Position @relationshipProperties {
  title: String
  from: String
  to: String${evidenceFields}
}

"The bodies one is a member of."
union Body = Organization | Institution

"Who takes part in an event."
union Participant = Person | Organization | Institution | State | Group

"Any entity (:Entity), for full-text search over names and aliases."
type Entity @node(labels: ["Entity"])
  @fulltext(indexes: [{indexName: "entitySearch", queryName: "searchEntities", fields: ["name"]}]) {
  id: ID!
  name: String!
  kind: String
}

type State @node(labels: ["State", "Actor", "Entity"]) {${actorFields}
  iso3: String
  iso2: String
}

type Institution @node(labels: ["Institution", "Actor", "Entity"]) {${actorFields}
  category: String
  partOf: [State!]! @relationship(type: "PART_OF", direction: OUT, properties: "Evidence")
  members: [Person!]! @relationship(type: "MEMBER_OF", direction: IN, properties: "Evidence")
}

type Organization @node(labels: ["Organization", "Actor", "Entity"]) {${actorFields}
  category: String
  members: [Person!]! @relationship(type: "MEMBER_OF", direction: IN, properties: "Evidence")
}

type Person @node(labels: ["Person", "Actor", "Entity"]) {${actorFields}
  nationality: [State!]! @relationship(type: "NATIONAL_OF", direction: OUT, properties: "Evidence")
  positions: [Institution!]! @relationship(type: "HOLDS_POSITION", direction: OUT, properties: "Position")
  "Ids of the depth-2 neighbourhood, ranked as rightsgraph ranks it (25 kept edges per node)."
  neighborhood: [ID!]! @cypher(statement: """${neighborhood}""", columnName: "id")
}

type Group @node(labels: ["Group", "Actor", "Entity"]) {${actorFields}
}

type Place @node(labels: ["Place", "Entity"]) {
  id: ID!
  name: String!
  kind: String
  events: [Event!]! @relationship(type: "OCCURRED_IN", direction: IN, properties: "Evidence")
}

type Event @node(labels: ["Event", "Entity"]) {
  id: ID!
  name: String!
  kind: String
  type: String!
  date: String
  summary: String
  count: Int
  participants: [Participant!]! @relationship(type: "INVOLVED_IN", direction: IN, properties: "Involvement")
  place: [Place!]! @relationship(type: "OCCURRED_IN", direction: OUT, properties: "Evidence")
}
`;

async function main() {
    const driver = neo4j.driver(
        process.env.NEO4J_URI || "bolt://127.0.0.1:7687",
        neo4j.auth.basic(process.env.NEO4J_USER || "neo4j", process.env.NEO4J_PASSWORD || "rightsgraph"),
    );
    const neoSchema = new Neo4jGraphQL({ typeDefs, driver });
    const schema = await neoSchema.getSchema();
    if (process.argv.includes("--print-schema")) {
        process.stdout.write(printSchema(schema));
        await driver.close();
        return;
    }
    await driver.verifyConnectivity();
    const server = new ApolloServer({ schema });
    const port = Number(process.env.PORT || 4100);
    const database = process.env.NEO4J_DATABASE || undefined;
    const { url } = await startStandaloneServer(server, {
        listen: { host: "127.0.0.1", port },
        context: async ({ req }) => ({ token: req.headers.authorization, sessionConfig: { database } }),
    });
    console.log(`peer: ready ${url}`);
    const stop = async () => {
        await server.stop();
        await driver.close();
        process.exit(0);
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
}

main().catch((err) => {
    console.error("peer:", err);
    process.exit(1);
});
