namespace Ent.Architecture.Tests;
