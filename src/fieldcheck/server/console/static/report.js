// The public report page: the phone's position, only when the citizen asks for it.
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("locate");
  if (!button) return;
  var state = document.getElementById("locstate");
  button.addEventListener("click", function () {
    if (!navigator.geolocation) { state.textContent = state.dataset.fail; return; }
    navigator.geolocation.getCurrentPosition(function (pos) {
      document.getElementById("lat").value = pos.coords.latitude.toFixed(6);
      document.getElementById("lon").value = pos.coords.longitude.toFixed(6);
      state.textContent = state.dataset.ok;
    }, function () { state.textContent = state.dataset.fail; }, {timeout: 15000});
  });
});
