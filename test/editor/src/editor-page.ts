/**
 * The page that hosts Label Studio's editor: its stylesheet, its UMD bundle (the global
 * `LabelStudio`) and the element it mounts into. Tests mount and inspect it with
 * `page.evaluate` (see in-page.ts).
 */
export const EDITOR_PAGE = `<!doctype html>
<html>
  <head>
    <meta charset="utf-8" />
    <title>lsml: predictions in Label Studio's editor</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/static/css/main.css" />
  </head>
  <body>
    <div id="label-studio"></div>
    <script src="/static/js/main.js"></script>
  </body>
</html>
`;
