import type { Core } from '@strapi/strapi';

import { RECORD_TYPES } from '../lib/records';

/**
 * How Strapi 5 stores a record type, read from its own database metadata
 * (`strapi.db.metadata.get(uid)`): what the set-based import (bulk.ts) writes, and all it
 * assumes. A Strapi upgrade that stores documents differently changes this description, and
 * tests/integration/import-bulk.test.ts compares it with a committed snapshot.
 */

type Metadata = ReturnType<Core.Strapi['db']['metadata']['get']>;

export interface RelationLayout {
  /** attribute name */
  name: string;
  target: string;
  table: string;
  /** column holding the owning row's id */
  sourceColumn: string;
  /** column holding the target row's id */
  targetColumn: string;
  /** position of the target among the owner's targets (1, 2, …), or null */
  orderColumn: string | null;
}

export interface ComponentLayout {
  /** attribute name */
  name: string;
  component: string;
  componentTable: string;
  table: string;
  sourceColumn: string;
  targetColumn: string;
  orderColumn: string;
  /** pivot columns naming the attribute and the component uid */
  fieldColumn: string;
  typeColumn: string;
}

export interface TypeLayout {
  uid: string;
  table: string;
  /** scalar attributes written through Strapi's createMany (their columns, for the snapshot) */
  columns: Record<string, string>;
  relations: RelationLayout[];
  components: ComponentLayout[];
  /** attributes a new document leaves empty (media, admin users) */
  untouched: string[];
  /** what the bulk writer does not know how to write; when not empty, imports take the Document Service path */
  unsupported: string[];
}

/** Scalar types the bulk writer converts as Strapi does (bulk.ts, SCALAR_CONVERTERS). */
const WRITABLE_TYPES = new Set(['increments', 'string', 'text', 'uid', 'email', 'enumeration', 'boolean', 'date', 'datetime', 'json', 'blocks']);
const SYSTEM_RELATIONS = new Set(['createdBy', 'updatedBy', 'localizations']);
const COMPONENT_PIVOTS = ['field', 'component_type'];

const scalarColumns = (meta: Metadata) => {
  const columns: Record<string, string> = {};
  for (const [name, attribute] of Object.entries(meta.attributes) as Array<[string, any]>) {
    if (attribute.type !== 'relation' && attribute.columnName) columns[name] = attribute.columnName;
  }
  return columns;
};

const componentLayout = (strapi: Core.Strapi, name: string, attribute: any, unsupported: string[]): ComponentLayout | null => {
  const joinTable = attribute.joinTable;
  const pivots = (joinTable?.pivotColumns ?? []).filter((column: string) => column !== joinTable?.joinColumn?.name && column !== joinTable?.inverseJoinColumn?.name);
  if (!joinTable || !joinTable.orderColumnName || pivots.sort().join() !== [...COMPONENT_PIVOTS].sort().join()) {
    unsupported.push(`${name}: component join table of an unknown shape`);
    return null;
  }
  if (attribute.relation !== 'oneToOne') unsupported.push(`${name}: a repeatable component`);
  const componentMeta = strapi.db.metadata.get(attribute.target);
  for (const [inner, innerAttribute] of Object.entries(componentMeta.attributes) as Array<[string, any]>) {
    if (innerAttribute.type !== 'relation' && !WRITABLE_TYPES.has(innerAttribute.type)) unsupported.push(`${name}.${inner}: attribute type ${innerAttribute.type}`);
  }
  for (const [inner, innerAttribute] of Object.entries(componentMeta.attributes) as Array<[string, any]>) {
    if (innerAttribute.type !== 'relation') continue;
    const isMedia = innerAttribute.target === 'plugin::upload.file';
    if (!isMedia) unsupported.push(`${name}.${inner}: a relation inside a component`);
  }
  const componentModel = strapi.getModel(attribute.target as never) as any;
  if (Object.values(componentModel?.attributes ?? {}).some((inner: any) => inner.type === 'component' || inner.type === 'dynamiczone')) {
    unsupported.push(`${name}: a component inside a component`);
  }
  return {
    name,
    component: attribute.target,
    componentTable: componentMeta.tableName,
    table: joinTable.name,
    sourceColumn: joinTable.joinColumn.name,
    targetColumn: joinTable.inverseJoinColumn.name,
    orderColumn: joinTable.orderColumnName,
    fieldColumn: 'field',
    typeColumn: 'component_type',
  };
};

/** The storage layout of one record type. */
export const typeLayout = (strapi: Core.Strapi, uid: string): TypeLayout => {
  const meta = strapi.db.metadata.get(uid);
  const model = strapi.getModel(uid as never) as any;
  const unsupported: string[] = [];
  const relations: RelationLayout[] = [];
  const components: ComponentLayout[] = [];
  const untouched: string[] = [];
  const recordTargets = new Set<string>(Object.values(RECORD_TYPES));

  if (!model?.options?.draftAndPublish) unsupported.push('no draft and publish');
  if (!model?.pluginOptions?.i18n?.localized) unsupported.push('not localized');
  for (const column of ['id', 'documentId', 'locale', 'publishedAt', 'createdAt', 'updatedAt']) {
    if (!(meta.attributes as any)[column]) unsupported.push(`no ${column} attribute`);
  }
  if ((meta.attributes as any).firstPublishedAt) unsupported.push('firstPublishedAt is stored');

  for (const [name, attribute] of Object.entries(meta.attributes) as Array<[string, any]>) {
    if (attribute.type !== 'relation' && !WRITABLE_TYPES.has(attribute.type)) unsupported.push(`${name}: attribute type ${attribute.type}`);
    const schemaType = model?.attributes?.[name]?.type;
    if (schemaType === 'dynamiczone') unsupported.push(`${name}: dynamic zone`);
    if (schemaType === 'component') {
      const layout = componentLayout(strapi, name, attribute, unsupported);
      if (layout) components.push(layout);
      continue;
    }
    if (attribute.type !== 'relation') continue;
    if (SYSTEM_RELATIONS.has(name) || schemaType === 'media') {
      untouched.push(name);
      continue;
    }
    const joinTable = attribute.joinTable;
    if (!recordTargets.has(attribute.target)) unsupported.push(`${name}: relation to ${attribute.target}, which records do not carry`);
    else if (!joinTable || attribute.morphBy || attribute.morphColumn) unsupported.push(`${name}: relation without a join table`);
    else if (attribute.inversedBy || attribute.mappedBy || joinTable.inverseOrderColumnName) unsupported.push(`${name}: bidirectional relation`);
    else if (joinTable.on && Object.keys(joinTable.on).length > 0) unsupported.push(`${name}: join table with conditions`);
    else if ((joinTable.pivotColumns ?? []).some((column: string) => column !== joinTable.joinColumn.name && column !== joinTable.inverseJoinColumn.name)) {
      unsupported.push(`${name}: join table with extra columns`);
    } else {
      relations.push({
        name,
        target: attribute.target,
        table: joinTable.name,
        sourceColumn: joinTable.joinColumn.name,
        targetColumn: joinTable.inverseJoinColumn.name,
        orderColumn: joinTable.orderColumnName ?? null,
      });
    }
  }
  return { uid, table: meta.tableName, columns: scalarColumns(meta), relations, components, untouched, unsupported };
};

/** Every record type's layout, and each component's table and columns: what the snapshot test compares. */
export const describeStorage = (strapi: Core.Strapi) => {
  const types = Object.values(RECORD_TYPES).map((uid) => typeLayout(strapi, uid));
  const componentUids = [...new Set(types.flatMap((type) => type.components.map((component) => component.component)))].sort();
  const components = Object.fromEntries(
    componentUids.map((uid) => {
      const meta = strapi.db.metadata.get(uid);
      return [uid, { table: meta.tableName, columns: scalarColumns(meta) }];
    })
  );
  return { types, components };
};
