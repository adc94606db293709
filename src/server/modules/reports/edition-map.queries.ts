// The edition mapping (docs/domain.md §7): every category, in either GB/T 14885 edition, with the path
// it reports under. A 2022 category reports under its own path; a 2010 category under the 2022
// category its nearest mapped ancestor (itself included) names in category_edition_map; a 2010
// category with no mapped ancestor (or mapped to a code the 2022 tree lacks) keeps its own path, so
// nothing falls out of a report: it shows as a 2010 row until the committee maps it.
import { sql, type SQL } from 'drizzle-orm';

/** CTE body: (id, path, edition) of every category as the report set classes it. A few hundred rows. */
export const reportClassesSql: SQL = sql`
  SELECT k.id, coalesce(t.path, k.path) AS path, coalesce(t.edition, k.edition) AS edition
  FROM categories k
  LEFT JOIN LATERAL (
    SELECT k22.path, k22.edition
    FROM category_edition_map m JOIN categories k22 ON k22.edition = '2022' AND k22.code = m.code_2022
    WHERE k.edition = '2010' AND strpos(k.path, '/' || m.code_2010 || '/') > 0
    ORDER BY strpos(k.path, '/' || m.code_2010 || '/') DESC
    LIMIT 1
  ) t ON true`;

/** The class code of a (mapped) path at `level` (1 = top); a path shallower than the level gives its deepest code. */
export const classCodeAt = (path: SQL, level: number): SQL => {
  const parts = Array.from({ length: level }, (_, i) => sql`nullif(split_part(${path}, '/', ${level + 1 - i}), '')`);
  return sql`coalesce(${sql.join(parts, sql`, `)})`;
};
