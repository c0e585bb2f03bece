#[tokio::test]
async fn scratch() {
    let s = shipdeck::sandbox::Sandbox::start(18742).await.unwrap();
    println!("{}", s.url());
    tokio::time::sleep(std::time::Duration::from_secs(300)).await;
}
