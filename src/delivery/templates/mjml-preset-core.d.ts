// mjml-preset-core ships no types: the component classes, of which the allow-list reads each one's
// name and declared attributes.
declare module 'mjml-preset-core' {
  const preset: {
    components: Array<{ componentName: string; allowedAttributes?: Record<string, string> }>;
  };
  export default preset;
}
