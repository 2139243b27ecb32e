<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CommandLine</name>
    <message>
        <location filename="../app/CommandLine.cpp" line="+9"/>
        <source>usage:
  ipcscope [--scenario NAME|FILE] [--lang zh_CN|en]
  ipcscope --headless --scenario NAME|FILE [--set key=value]... [--duration SECONDS]
           [--export DIR] [--rate HZ]
  ipcscope --list-scenarios
  ipcscope --help | --version
exit codes: 0 ran, 2 bad input, 1 runtime failure</source>
        <translation>用法：
  ipcscope [--scenario 名称|文件] [--lang zh_CN|en]
  ipcscope --headless --scenario 名称|文件 [--set 键=值]... [--duration 秒数]
           [--export 目录] [--rate 赫兹]
  ipcscope --list-scenarios
  ipcscope --help | --version
退出码：0 正常运行，2 输入有误，1 运行时失败</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1 needs a value</source>
        <translation>%1 需要一个值</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>--duration: must be a number of seconds in (0, 86400], got &apos;%1&apos;</source>
        <translation>--duration：必须是 (0, 86400] 之间的秒数，实际为“%1”</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--export: needs a directory</source>
        <translation>--export：需要一个目录</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--lang: must be zh_CN or en, got &apos;%1&apos;</source>
        <translation>--lang：必须是 zh_CN 或 en，实际为“%1”</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--rate: must be 1..10000 Hz, got &apos;%1&apos;</source>
        <translation>--rate：必须是 1..10000 Hz，实际为“%1”</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>--after: must be a number of seconds in [0, 3600], got &apos;%1&apos;</source>
        <translation>--after：必须是 [0, 3600] 之间的秒数，实际为“%1”</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--at: must be SECONDS:key=value, got &apos;%1&apos;</source>
        <translation>--at：格式必须是 秒数:键=值，实际为“%1”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown argument &apos;%1&apos;</source>
        <translation>未知参数“%1”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--headless needs --scenario NAME|FILE</source>
        <translation>--headless 需要 --scenario 名称|文件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--duration and --export go with --headless</source>
        <translation>--duration 和 --export 只能与 --headless 一起使用</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--screenshot, --screenshot-views and --at go with the window</source>
        <translation>--screenshot、--screenshot-views 和 --at 只能用于窗口模式</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--screenshot-views and --at go with --screenshot FILE</source>
        <translation>--screenshot-views 和 --at 需要与 --screenshot 文件 一起使用</translation>
    </message>
</context>
<context>
    <name>Headless</name>
    <message>
        <location filename="../app/HeadlessRun.cpp" line="+69"/>
        <source>cannot create export directory %1</source>
        <translation>无法创建导出目录 %1</translation>
    </message>
</context>
<context>
    <name>Parameter</name>
    <message>
        <location filename="../engine/Scenario.cpp" line="+209"/>
        <source>Number of processes that increment the one shared counter. More processes collide more often.</source>
        <translation>给同一个共享计数器加 1 的进程数。进程越多，冲突越频繁。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How many times each worker adds 1. Without losses the counter ends at workers × iterations; whatever is missing was lost.</source>
        <translation>每个工作进程加 1 的次数。没有丢失时，计数器最终等于 workers × iterations；少掉的部分就是丢失的更新。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hold the counter&apos;s lock while reading, adding 1 and writing back. Switch it off to let the increments race and lose updates.</source>
        <translation>在读取、加 1、写回的整个过程中持有计数器的锁。关掉它，加法就会互相竞争，产生丢失更新。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pause between reading the shared value and writing it back. It widens the race window: without the lock, more updates are lost.</source>
        <translation>读取共享值与写回之间的停顿。它会加宽竞态窗口：没有锁时，丢失的更新会更多。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Number of processes that put items into the queue. More producers fill it faster.</source>
        <translation>向队列放入物品的进程数。生产者越多，队列填满得越快。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Number of processes that take items out of the queue; each stops at its sentinel. More consumers drain it faster.</source>
        <translation>从队列取出物品的进程数；每个消费者取到自己的哨兵后停止。消费者越多，队列清空得越快。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How many items the queue holds before put() blocks. Small: producers wait for consumers; large: the queue absorbs bursts.</source>
        <translation>队列在 put() 阻塞之前最多能容纳的物品数。容量小：生产者要等消费者；容量大：队列能吸收突发的生产。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How many items each producer puts. Every one of them must be taken out exactly once; the delivery audit checks it.</source>
        <translation>每个生产者放入的物品数。每个物品都必须恰好被取出一次；投递审计会检查这一点。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Guard the queue&apos;s buffer with its lock. Switch it off to see concurrent put() and get() lose items or deliver them twice.</source>
        <translation>用锁保护队列的缓冲区。关掉它，就能看到并发的 put() 和 get() 丢失物品或重复投递。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Time a producer spends making each item before put(). Raise it to make consumers wait on an empty queue.</source>
        <translation>生产者在 put() 之前制作每个物品所花的时间。调大它，消费者就会在空队列前等待。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Time a consumer spends on each item after get(). Raise it to fill the queue and make producers block on put().</source>
        <translation>消费者在 get() 之后处理每个物品所花的时间。调大它，队列会被填满，生产者会阻塞在 put() 上。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pause inside put() and get() between reading the queue&apos;s indices and updating them. It widens the race window when the lock is off.</source>
        <translation>put() 和 get() 内部在读取队列下标与更新下标之间的停顿。关掉锁时，它会加宽竞态窗口。</translation>
    </message>
</context>
<context>
    <name>Scenario</name>
    <message>
        <location line="-191"/>
        <location line="+323"/>
        <source>an array</source>
        <translation>一个数组</translation>
    </message>
    <message>
        <location line="-321"/>
        <source>an object</source>
        <translation>一个对象</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>nothing</source>
        <translation>空值</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1: must be %2..%3, got %4</source>
        <translation>%1：必须在 %2..%3 之间，实际为 %4</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: must be an integer in %2..%3, got %4</source>
        <translation>%1：必须是 %2..%3 之间的整数，实际为 %4</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: must be on or off, got %2</source>
        <translation>%1：必须是 on 或 off，实际为 %2</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>cannot read scenario file %1: it is a directory</source>
        <translation>无法读取场景文件 %1：它是一个目录</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+15"/>
        <source>cannot read scenario file %1: %2</source>
        <translation>无法读取场景文件 %1：%2</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>cannot read scenario file %1: larger than %2 bytes, which is far more than a scenario needs</source>
        <translation>无法读取场景文件 %1：文件超过 %2 字节，远远超出一个场景所需</translation>
    </message>
    <message>
        <location line="+166"/>
        <source>built-in scenario %1: %2</source>
        <translation>内置场景 %1：%2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>unknown scenario %1 (built-in: %2; or give a path to a JSON file)</source>
        <translation>未知场景 %1（内置场景：%2；也可以给出 JSON 文件的路径）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>larger than %1 bytes, which is far more than a scenario needs</source>
        <translation>超过 %1 字节，远远超出一个场景所需</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>not valid JSON: %1 at offset %2</source>
        <translation>不是有效的 JSON：%1，位于偏移量 %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a scenario must be a JSON object, got %1</source>
        <translation>场景必须是一个 JSON 对象，实际为%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: unknown key (known: %2)</source>
        <translation>%1：未知的键（已知的键：%2）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>format: must be a version number from 1 to %1, got %2</source>
        <translation>format：必须是 1 到 %1 之间的版本号，实际为 %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>format: version %1 is newer than this ipcscope understands (%2)</source>
        <translation>format：版本 %1 比这个 ipcscope 能理解的版本（%2）更新</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>kind: missing (one of: %1)</source>
        <translation>kind：缺失（可选值：%1）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>kind: must be one of %1, got %2</source>
        <translation>kind：必须是 %1 之一，实际为 %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1: must be a string, got %2</source>
        <translation>%1：必须是字符串，实际为 %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>parameters: must be an object, got %1</source>
        <translation>parameters：必须是一个对象，实际为%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>parameters.%1: unknown parameter of a %2 scenario (known: %3)</source>
        <translation>parameters.%1：%2 场景没有这个参数（已知参数：%3）</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>expected key=value, got %1</source>
        <translation>应为 键=值 的形式，实际为 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+20"/>
        <source>unknown key %1 for a %2 scenario (known: %3)</source>
        <translation>%2 场景没有键 %1（已知的键：%3）</translation>
    </message>
</context>
<context>
    <name>Unit</name>
    <message>
        <location filename="../app/ScenarioForm.cpp" line="+23"/>
        <source>processes</source>
        <translation>个进程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>increments</source>
        <translation>次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>items</source>
        <translation>个物品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>µs</source>
        <translation>微秒</translation>
    </message>
</context>
<context>
    <name>ipcscope</name>
    <message>
        <location filename="../widgets/StateStyle.cpp" line="+33"/>
        <source>starting</source>
        <translation>启动中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>working</source>
        <translation>工作中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>waiting for lock</source>
        <translation>等待锁</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>holding lock</source>
        <translation>持有锁</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>blocked on put (full)</source>
        <translation>放入阻塞（队列满）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>blocked on get (empty)</source>
        <translation>取出阻塞（队列空）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exited</source>
        <translation>已退出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>killed</source>
        <translation>已被杀死</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>incrementer</source>
        <translation>自增进程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>producer</source>
        <translation>生产者</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>consumer</source>
        <translation>消费者</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>ipcscope::MainWindow</name>
    <message>
        <location filename="../app/MainWindow.cpp" line="+58"/>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This scenario cannot be used:
%1</source>
        <translation>无法使用这个场景：
%1</translation>
    </message>
    <message>
        <location line="+427"/>
        <source>The last scenario could not be loaded again: %1</source>
        <translation>无法重新载入上次的场景：%1</translation>
    </message>
    <message>
        <location line="+39"/>
        <location line="+146"/>
        <source>ipcscope — %1</source>
        <translation>ipcscope — %1</translation>
    </message>
    <message>
        <location line="-145"/>
        <source>ipcscope</source>
        <translation>ipcscope</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Session</source>
        <translation>会话(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session toolbar</source>
        <translation>会话工具栏</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Processes</source>
        <translation>进程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Scenario:</source>
        <translation>场景(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The built-in scenarios, and the last JSON file opened</source>
        <translation>内置场景，以及最近打开的 JSON 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open JSON file…</source>
        <translation>打开 JSON 文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load a scenario from a JSON file (Ctrl+O)</source>
        <translation>从 JSON 文件载入场景（Ctrl+O）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every worker process of the session. Right-click a row to kill or pause it.</source>
        <translation>本次会话的所有工作进程。右键单击一行可以杀死或暂停该进程。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything the session reported, with the session time</source>
        <translation>会话报告的所有消息，附带会话时间</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The latest message of the session</source>
        <translation>会话的最新消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State of the session</source>
        <translation>会话状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session time</source>
        <translation>会话时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How often the sampler reads the shared memory</source>
        <translation>采样器读取共享内存的频率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events drained from the workers&apos; rings per second</source>
        <translation>每秒从工作进程的事件环形缓冲区中取出的事件数</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Launch the scenario&apos;s worker processes and start watching them (Space)</source>
        <translation>启动场景的工作进程并开始观察它们（空格键）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Let the workers continue and the views follow again (Space)</source>
        <translation>让工作进程继续运行，视图重新跟随最新数据（空格键）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Freeze the workers and the picture, to zoom and pan (Space)</source>
        <translation>冻结工作进程和画面，以便缩放和平移（空格键）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask every worker to stop, kill those that do not, and keep the recording</source>
        <translation>请求所有工作进程停止，杀死不肯停止的进程，并保留记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Kill worker</source>
        <translation>杀死工作进程(&amp;K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kill the selected worker with SIGKILL: it cannot release a lock it holds</source>
        <translation>用 SIGKILL 杀死选中的工作进程：它无法释放自己持有的锁</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resume &amp;worker</source>
        <translation>继续该进程(&amp;W)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pause &amp;worker</source>
        <translation>暂停该进程(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Let the selected worker continue</source>
        <translation>让选中的工作进程继续运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause only the selected worker; the others go on</source>
        <translation>只暂停选中的工作进程；其他进程继续运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add &amp;producer</source>
        <translation>添加生产者(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Launch one more producer process into the running queue session</source>
        <translation>向正在运行的队列会话再启动一个生产者进程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add &amp;consumer</source>
        <translation>添加消费者(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Launch one more consumer process into the running queue session</source>
        <translation>向正在运行的队列会话再启动一个消费者进程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Following</source>
        <translation>跟随最新(&amp;F)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scroll the views with the newest data</source>
        <translation>视图随最新数据滚动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;all</source>
        <translation>显示全部(&amp;A)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fit the whole recording into the views</source>
        <translation>在视图中显示完整的记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export comes with the export feature</source>
        <translation>导出功能将在后续版本中提供</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open scenario file…</source>
        <translation>打开场景文件(&amp;O)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Load a scenario from a JSON file</source>
        <translation>从 JSON 文件载入场景</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stop the session and quit ipcscope</source>
        <translation>停止会话并退出 ipcscope</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About ipcscope</source>
        <translation>关于 ipcscope(&amp;A)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What ipcscope is and which version runs</source>
        <translation>ipcscope 是什么，以及正在运行的版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The Qt version ipcscope uses</source>
        <translation>ipcscope 使用的 Qt 版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the interface in English</source>
        <translation>以英文显示界面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the interface in Simplified Chinese</source>
        <translation>以简体中文显示界面</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Lock: on</source>
        <translation>锁：开(&amp;L)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Lock: off</source>
        <translation>锁：关(&amp;L)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Workers take the lock around every read-modify-write. Turn it off (L) to see the race.</source>
        <translation>工作进程在每次“读取—修改—写回”时都会加锁。关掉锁（L）就能看到竞态条件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Workers skip the lock: updates and queue items are really lost. Turn it on (L) to stop the damage.</source>
        <translation>工作进程不再加锁：更新和队列物品真的会丢失。打开锁（L）即可阻止损坏继续。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The %1 translation is missing from this build.</source>
        <translation>此版本缺少%1翻译。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Stop the running session before choosing another scenario.</source>
        <translation>请先停止正在运行的会话，再选择其他场景。</translation>
    </message>
    <message>
        <location line="+45"/>
        <location filename="../app/WindowMain.cpp" line="+117"/>
        <source>Cannot open scenario</source>
        <translation>无法打开场景</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1

%2</source>
        <translation>%1

%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open scenario</source>
        <translation>打开场景</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scenario files (*.json);;All files (*)</source>
        <translation>场景文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Python equivalent:</source>
        <translation>对应的 Python 写法：</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>%1 set to %2</source>
        <translation>%1 已设为 %2</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Starting the workers…</source>
        <translation>正在启动工作进程…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not start: %1</source>
        <translation>无法启动：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot start the session</source>
        <translation>无法启动会话</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>Session started: %1, %n worker(s)</source>
        <translation>
            <numerusform>会话已开始：%1，共 %n 个工作进程</numerusform>
        </translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Session finished after %1 s</source>
        <translation>会话已结束，共运行 %1 秒</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>t = %1 s</source>
        <translation>t = %1 秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sampling %1 Hz</source>
        <translation>采样率 %1 Hz</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 events/s</source>
        <translation>%1 事件/秒</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>dropped: %1</source>
        <translation>丢弃：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Events lost because a worker&apos;s ring was full (never hidden)</source>
        <translation>因工作进程的事件环形缓冲区已满而丢弃的事件（从不隐瞒）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 more events were drained but not kept (memory cap)</source>
        <translation>另有 %1 个事件已取出但未保存（内存上限）</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Worker %1 is not running.</source>
        <translation>工作进程 %1 没有在运行。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Worker %1 paused.</source>
        <translation>工作进程 %1 已暂停。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Worker %1 resumed.</source>
        <translation>工作进程 %1 已继续运行。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>About ipcscope</source>
        <translation>关于 ipcscope</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;h3&gt;ipcscope %1&lt;/h3&gt;&lt;p&gt;An oscilloscope for inter-process communication. Real processes share real queues and locks in shared memory; ipcscope watches them without disturbing them and draws what it sees.&lt;/p&gt;&lt;p&gt;The mechanisms are those the Python &lt;code&gt;multiprocessing&lt;/code&gt; tutorials teach: Queue, Lock, Value, sentinels, the lost update.&lt;/p&gt;&lt;p&gt;Qt %2, Boost.Interprocess.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ipcscope %1&lt;/h3&gt;&lt;p&gt;进程间通信的示波器。真实的进程在共享内存中共享真实的队列和锁；ipcscope 在不打扰它们的情况下观察它们，并画出看到的一切。&lt;/p&gt;&lt;p&gt;这些机制正是 Python &lt;code&gt;multiprocessing&lt;/code&gt; 教程所讲的内容：队列（Queue）、锁（Lock）、共享值（Value）、哨兵、丢失更新。&lt;/p&gt;&lt;p&gt;Qt %2，Boost.Interprocess。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/WindowMain.cpp" line="+1"/>
        <source>%1

The default scenario is used instead.</source>
        <translation>%1

将改用默认场景。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Invalid setting</source>
        <translation>无效的设置</translation>
    </message>
</context>
<context>
    <name>ipcscope::ScenarioForm</name>
    <message>
        <location filename="../app/ScenarioForm.cpp" line="+101"/>
        <source>Python: %1</source>
        <translation>Python：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Range: %1 to %2</source>
        <translation>范围：%1 到 %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Can be changed while the session runs.</source>
        <translation>会话运行时也可以修改。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>on</source>
        <translation>开</translation>
    </message>
</context>
<context>
    <name>ipcscope::Session</name>
    <message>
        <location filename="../engine/Session.cpp" line="+143"/>
        <source>this session has already run</source>
        <translation>这个会话已经运行过了</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>worker program not found or not executable: %1</source>
        <translation>找不到工作进程程序，或它不可执行：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>removed stale segment %1 (its creator is gone)</source>
        <translation>已删除残留的共享内存段 %1（创建它的进程已不存在）</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>cannot start worker %1 (%2): %3</source>
        <translation>无法启动工作进程 %1（%2）：%3</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>worker %1 exited before it was ready: %2</source>
        <translation>工作进程 %1 在就绪之前就退出了：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>worker %1 did not report ready within %2 s</source>
        <translation>工作进程 %1 在 %2 秒内没有报告就绪</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>worker %1 did not stop within %2 ms: killed</source>
        <translation>工作进程 %1 没有在 %2 毫秒内停止：已杀死</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>killing worker %1 (pid %2)</source>
        <translation>正在杀死工作进程 %1（pid %2）</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 cannot be changed while the session runs</source>
        <translation>会话运行时不能修改 %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>producers and consumers can only be added to a running queue session</source>
        <translation>只能向正在运行的队列会话添加生产者和消费者</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no free worker slot (at most %1 workers)</source>
        <translation>没有空闲的工作进程槽位（最多 %1 个工作进程）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>added %1 %2</source>
        <translation>已添加 %1 %2</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>worker %1 (%2) was killed</source>
        <translation>工作进程 %1（%2）已被杀死</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>worker %1 failed (exit code %2): %3</source>
        <translation>工作进程 %1 失败（退出码 %2）：%3</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>lock %1 is held by worker %2, which is dead: a plain lock is never released (waiting: %3)</source>
        <translation>锁 %1 被工作进程 %2 持有，而该进程已经死亡：普通的锁永远不会被释放（正在等待的进程：%3）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>nobody yet</source>
        <translation>暂时没有</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>every remaining worker is stuck: %1; stopping them</source>
        <translation>剩下的工作进程全部卡住了：%1；正在停止它们</translation>
    </message>
</context>
</TS>
