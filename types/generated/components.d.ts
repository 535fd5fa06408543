import type { Schema, Struct } from '@strapi/strapi';

export interface AttributionReprint extends Struct.ComponentSchema {
  collectionName: 'components_attribution_reprints';
  info: {
    description: 'Where a reprinted report first appeared and under what permission';
    displayName: 'Reprint';
    icon: 'quote';
  };
  attributes: {
    creditLineOverride: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 1000;
      }>;
    isReprint: Schema.Attribute.Boolean &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<false>;
    license: Schema.Attribute.Enumeration<
      [
        'all-rights-reserved-with-permission',
        'cc-by-4.0',
        'cc-by-sa-4.0',
        'cc-by-nd-4.0',
        'cc-by-nc-4.0',
        'public-domain',
        'statutory-news-exception',
      ]
    >;
    originalAuthors: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 500;
      }>;
    originalLanguage: Schema.Attribute.Enumeration<
      ['zh-Hans', 'en', 'ru', 'other']
    >;
    originalNamesNoAuthor: Schema.Attribute.Boolean &
      Schema.Attribute.DefaultTo<false>;
    originalPublishedAt: Schema.Attribute.Date;
    originalTitle: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
    originalTitleGloss: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
    originalUrl: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2048;
      }>;
    permissionExpiresAt: Schema.Attribute.Date;
    permissionGrantedBy: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    permissionPerpetual: Schema.Attribute.Boolean &
      Schema.Attribute.DefaultTo<false>;
    permissionReference: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    reprintType: Schema.Attribute.Enumeration<
      ['full', 'excerpt', 'translation', 'adaptation']
    >;
    responsibleEditor: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 100;
      }>;
    syndicationPolicy: Schema.Attribute.Enumeration<
      ['default', 'self', 'original', 'noindex-news']
    > &
      Schema.Attribute.DefaultTo<'default'>;
    translator: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
  };
}

export interface SharedSeo extends Struct.ComponentSchema {
  collectionName: 'components_shared_seos';
  info: {
    description: 'Search-engine and social-card metadata of a page';
    displayName: 'SEO';
    icon: 'search';
  };
  attributes: {
    canonicalUrl: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2048;
      }>;
    metaDescription: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 160;
      }>;
    metaTitle: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 70;
      }>;
    noindex: Schema.Attribute.Boolean & Schema.Attribute.DefaultTo<false>;
    ogImage: Schema.Attribute.Media<'images'>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'attribution.reprint': AttributionReprint;
      'shared.seo': SharedSeo;
    }
  }
}
