using Frintr.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddFrintrWeb();

var app = builder.Build();
app.UseFrintrWeb();
app.Run();
