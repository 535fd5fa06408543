export default ({ env }) => ({
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET'),
    },
  },
  graphql: {
    enabled: true,
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      // The sandbox is for developers; production readers only get the endpoint.
      landingPage: env('NODE_ENV') !== 'production',
      depthLimit: 10,
      defaultLimit: 25,
      maxLimit: 100,
      apolloServer: {
        introspection: env('NODE_ENV') !== 'production',
      },
    },
  },
  documentation: {
    enabled: env.bool('DOCUMENTATION_ENABLED', false),
    config: {
      info: {
        version: '1.0.0',
        title: 'Newsroom CMS content API',
        description: 'Articles, sources and institutions in zh-Hans, en and ru, with reprint attribution.',
      },
      'x-strapi-config': {
        plugins: ['users-permissions'],
      },
    },
  },
});
