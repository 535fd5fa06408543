/**
 * The reprint component the plugin brings: a host adds a field of component `attribution.reprint`
 * to its content type and names it in the plugin's `contentTypes` config; it copies no file.
 * (The uid keeps the category this project first gave it, so existing data and the GraphQL and
 * TypeScript names stay as they are.)
 */
export const REPRINT_COMPONENT_UID = 'attribution.reprint';

export const reprintComponentSchema = {
  "collectionName": "components_attribution_reprints",
  "info": {
    "displayName": "Reprint",
    "icon": "quote",
    "description": "Where a reprinted report first appeared and under what permission"
  },
  "options": {},
  "attributes": {
    "isReprint": {
      "type": "boolean",
      "default": false,
      "required": true
    },
    "originalTitle": {
      "type": "string",
      "maxLength": 300
    },
    "originalTitleGloss": {
      "type": "string",
      "maxLength": 300
    },
    "originalUrl": {
      "type": "string",
      "maxLength": 2048,
      "regex": "^https?://[^\\s/?#@\\\\%]+\\.[^\\s/?#@\\\\%]+([/?#][^\\s\\\\]*)?$"
    },
    "originalAuthors": {
      "type": "text",
      "maxLength": 500
    },
    "originalNamesNoAuthor": {
      "type": "boolean",
      "default": false
    },
    "originalPublishedAt": {
      "type": "date"
    },
    "originalLanguage": {
      "type": "enumeration",
      "enum": [
        "zh-Hans",
        "en",
        "ru",
        "other"
      ]
    },
    "translator": {
      "type": "string",
      "maxLength": 200
    },
    "reprintType": {
      "type": "enumeration",
      "enum": [
        "full",
        "excerpt",
        "translation",
        "adaptation"
      ]
    },
    "license": {
      "type": "enumeration",
      "enum": [
        "all-rights-reserved-with-permission",
        "cc-by-4.0",
        "cc-by-sa-4.0",
        "cc-by-nd-4.0",
        "cc-by-nc-4.0",
        "public-domain",
        "statutory-news-exception"
      ]
    },
    "permissionReference": {
      "type": "string",
      "maxLength": 200
    },
    "permissionGrantedBy": {
      "type": "string",
      "maxLength": 200
    },
    "permissionExpiresAt": {
      "type": "date"
    },
    "permissionPerpetual": {
      "type": "boolean",
      "default": false
    },
    "responsibleEditor": {
      "type": "string",
      "maxLength": 100
    },
    "creditLineOverride": {
      "type": "text",
      "maxLength": 1000
    },
    "syndicationPolicy": {
      "type": "enumeration",
      "enum": [
        "default",
        "self",
        "original",
        "noindex-news"
      ],
      "default": "default"
    }
  }
} as const;
