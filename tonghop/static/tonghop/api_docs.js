// Starts Swagger UI (swagger-ui-dist) on /api/docs with the settings the page carries; calls
// made from the page with the session send its CSRF token, as the API requires.
const config = JSON.parse(document.getElementById("swagger-settings").textContent);
const csrfToken = document.body.dataset.csrfToken;
config.dom_id = "#swagger-ui";
config.presets = [SwaggerUIBundle.presets.apis];
config.requestInterceptor = (request) => {
  if (csrfToken) request.headers["X-CSRFToken"] = csrfToken;
  return request;
};
SwaggerUIBundle(config);
