// The user form shows only the scope its chosen role is bound to (data-scope on the role's option
// and on each scope field); without script every scope field shows and the server says which one counts.
document.querySelectorAll('select[data-scope-role]').forEach(function (select) {
  var form = select.form;
  function show() {
    var option = select.options[select.selectedIndex];
    var scope = option ? option.getAttribute('data-scope') : null;
    form.querySelectorAll('[data-scope-field]').forEach(function (field) {
      field.hidden = field.getAttribute('data-scope-field') !== scope;
    });
  }
  select.addEventListener('change', show);
  show();
});
