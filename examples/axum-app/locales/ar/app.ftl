### The axum example app (examples/axum-app): ar catalog.

## The sandbox sign-in method, shown on the library's pages

app-sandbox-title = بيئة التجربة
app-sandbox-description = مزوّد بديل محلي: أي اسم مستخدم وكلمة مرور يعملان.

## The axum example app (examples/axum-app/templates/home.html)

axum-app-brand = oauthclient على axum
axum-app-signed-in-as = تم تسجيل الدخول باسم { $user }.
axum-app-signed-out = لم يتم تسجيل الدخول.
axum-app-sign-in-with = تسجيل الدخول باستخدام { $provider }
axum-app-not-found = غير موجود.
